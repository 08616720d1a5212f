-- wrk script for bench/sms-callbacks.sh: cycles through pre-signed Twilio delivery reports, one a line in the file
-- given as the first argument ("signature<TAB>form body"), posted to the path given as the second.
local requests = {}
local i = 0
local threads = 0

-- Each thread starts at its own place in the file, so threads post different callbacks.
function setup(thread)
  thread:set("offset", threads * 100003)
  threads = threads + 1
end

function init(args)
  for line in io.lines(args[1]) do
    local signature, body = line:match("([^\t]+)\t(.*)")
    requests[#requests + 1] = wrk.format("POST", args[2], {
      ["Content-Type"] = "application/x-www-form-urlencoded",
      ["X-Twilio-Signature"] = signature
    }, body)
  end
  i = (tonumber(offset) or 0) % #requests
end

function request()
  i = i % #requests + 1
  return requests[i]
end
