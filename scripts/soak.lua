-- wrk script for scripts/soak.sh: a mix of document reads (60 %), document
-- inserts (20 %), C8QL cursors (15 %) and stream publishes (5 %) against
-- `c8 serve`, authenticated with the admin key. Arguments (after `--`):
--   KEY DELAY_MS DOCS
-- DELAY_MS is the mean pause before each request on a connection (wrk's
-- delay(), dithered below), which scripts/soak.sh tunes to hold the target rate.
local key, delay_ms, docs = "soak-admin-key", 0, 1000
local counter = 0

function init(args)
  key = args[1] or key
  delay_ms = tonumber(args[2] or "0")
  docs = tonumber(args[3] or "1000")
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16) % 100000)
end

-- wrk waits whole milliseconds: a fractional DELAY_MS is dithered, each
-- request waiting the floor or the ceiling so that the mean is DELAY_MS.
function delay()
  local whole = math.floor(delay_ms)
  if math.random() < delay_ms - whole then return whole + 1 end
  return whole
end

local function headers()
  return { ["Authorization"] = "apikey " .. key, ["Content-Type"] = "application/json" }
end

function request()
  counter = counter + 1
  local r = math.random(100)
  if r <= 60 then
    return wrk.format("GET", "/_fabric/_system/_api/document/docs/d" .. math.random(0, docs - 1), headers())
  elseif r <= 80 then
    local body = string.format('{"n":%d,"v":"soak-%d","tags":["a","b"],"nested":{"x":%d}}', counter, math.random(1e9), r)
    return wrk.format("POST", "/_fabric/_system/_api/document/soakwrites", headers(), body)
  elseif r <= 95 then
    local body
    if r <= 90 then
      body = string.format('{"query":"FOR d IN docs FILTER d._key == @k RETURN d","bindVars":{"k":"d%d"}}', math.random(0, docs - 1))
    else
      body = '{"query":"FOR d IN docs LIMIT 50 COLLECT WITH COUNT INTO n RETURN n","batchSize":10}'
    end
    return wrk.format("POST", "/_fabric/_system/_api/cursor", headers(), body)
  else
    return wrk.format("POST", "/_fabric/_system/_api/streams/c8locals.soak/publish", headers(), "soak message " .. counter)
  end
end
