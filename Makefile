# c8 — the two commands a new user needs:  make run   and   make test
# Both first run `deps`, which installs the Debian packages c8 links against
# (only when pkg-config cannot find one of them).

SWIFT        ?= swift
CONFIG       ?= debug
PKG_MODULES  := ncursesw openssl rocksdb
APT_PACKAGES := libncurses-dev libssl-dev librocksdb-dev pkg-config tmux

.PHONY: deps build release run test bench clean

deps:
	@scripts/deps.sh $(PKG_MODULES) -- $(APT_PACKAGES)

build: deps
	$(SWIFT) build -c $(CONFIG)

release: deps
	$(SWIFT) build -c release

# Builds and starts c8. The console arrives with the console issue; until
# then this shows what the binary can do today.
run: build
	@bin=$$($(SWIFT) build -c $(CONFIG) --show-bin-path)/c8; \
	$$bin --help; echo; \
	echo "c8 is being built issue by issue: the JSON core, errors, keys, clock and themes are in;"; \
	echo "the document store, C8QL, the console, the server, streams and regions come next."; \
	echo "Try: $$bin bench --size-mb 10 json   (after 'make release' for real numbers)"

# The whole test suite, in parallel workers; ends with "N passed, N failed".
test: deps
	@scripts/test.sh

# Benchmarks against the peers (release build); results go to Docs/BENCHMARKS.md.
bench: release
	@$$($(SWIFT) build -c release --show-bin-path)/c8 bench json

clean:
	rm -rf .build
