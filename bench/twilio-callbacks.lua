-- wrk script for bench/sms-callbacks.sh: cycles through pre-signed Twilio delivery reports, one a line in the file
-- given as the first argument ("signature<TAB>form body"), posted to the path given as the second, starting at the
-- line given as the third, with as many threads as the fourth says: thread k posts lines start+k, start+k+threads,
-- ... so a run covers the lines after start once, and the next run can start where this one stopped.
local requests = {}
local i = 0
local stride = 1
local threads = 0

function setup(thread)
  thread:set("index", threads)
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
  stride = tonumber(args[4]) or 1
  i = (tonumber(args[3]) or 0) + (tonumber(index) or 0)
end

function request()
  local r = requests[i % #requests + 1]
  i = i + stride
  return r
end
