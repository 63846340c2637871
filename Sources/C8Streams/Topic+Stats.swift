extension Topic {
    func stats() -> StreamStats {
        let now = options.clock.milliseconds()
        return state.withLock { s in
            let (rateIn, throughputIn) = s.inMeter.rates(now: now)
            var rateOut = 0.0
            var throughputOut = 0.0
            var messagesOut = 0
            var bytesOut = 0
            var subscriptions: [StreamStats.Subscription] = []
            for subscription in s.subscriptions.values.sorted(by: { $0.name < $1.name }) {
                let (subscriptionRate, subscriptionThroughput) = subscription.outMeter.rates(now: now)
                rateOut += subscriptionRate
                throughputOut += subscriptionThroughput
                messagesOut += subscription.outMeter.totalMessages
                bytesOut += subscription.outMeter.totalBytes
                subscriptions.append(StreamStats.Subscription(
                    name: subscription.name, type: subscription.type,
                    consumers: subscription.consumers.map { consumer in
                        let (rate, throughput) = consumer.outMeter.rates(now: now)
                        return StreamStats.Consumer(
                            consumerName: consumer.name, msgRateOut: rate, msgThroughputOut: throughput,
                            availablePermits: consumer.permits, unackedMessages: subscription.unacked(by: consumer.id),
                            connectedSince: consumer.connectedSince)
                    },
                    backlog: persistent ? subscription.backlog(last: s.lastEntry) : 0,
                    unackedMessages: subscription.pending.count,
                    msgRateOut: subscriptionRate, msgThroughputOut: subscriptionThroughput,
                    msgRateRedeliver: subscription.redeliverMeter.rates(now: now).messages,
                    msgRateExpired: subscription.expiredMeter.rates(now: now).messages,
                    msgDropped: subscription.dropped, isDurable: persistent))
            }
            for reader in s.readers.values {
                let (rate, throughput) = reader.outMeter.rates(now: now)
                rateOut += rate
                throughputOut += throughput
                messagesOut += reader.outMeter.totalMessages
                bytesOut += reader.outMeter.totalBytes
            }
            let publishers = s.producers.values.sorted { $0.id < $1.id }.map { producer in
                let (rate, throughput) = producer.inMeter.rates(now: now)
                let total = producer.inMeter.totalMessages
                return StreamStats.Publisher(
                    producerName: producer.name, producerId: producer.id, msgRateIn: rate, msgThroughputIn: throughput,
                    averageMsgSize: total > 0 ? Double(producer.inMeter.totalBytes) / Double(total) : 0,
                    connectedSince: producer.connectedSince)
            }
            let totalIn = s.inMeter.totalMessages
            return StreamStats(
                msgRateIn: rateIn, msgRateOut: rateOut, msgThroughputIn: throughputIn, msgThroughputOut: throughputOut,
                averageMsgSize: totalIn > 0 ? Double(s.inMeter.totalBytes) / Double(totalIn) : 0,
                storageSize: persistent ? s.storedBytes : 0, msgInCounter: totalIn, bytesInCounter: s.inMeter.totalBytes,
                msgOutCounter: messagesOut, bytesOutCounter: bytesOut, publishers: publishers,
                subscriptions: subscriptions, readers: s.readers.count)
        }
    }
}
