-- wrk script for Scripts/bench: workflow transitions through the JSON API, the same cycle
-- WorkflowLoad drives in-process, so the two rates compare like for like.
--
-- Each wrk thread has one connection (run it as wrk -tN -cN) and its own claims, so no two
-- connections ever touch one claim. On each claim in turn: verdict propose (a reviewer) →
-- verdict return (another reviewer) → claim assign (the editor, to a reviewer other than the
-- current assignee and the one who returned the verdict); then the next claim. One request is
-- one transition; a connection sends its next request only after the answer to the last.
--
-- Environment:
--   BENCH_CLAIMS      a file of claim numbers (digits, one a line): in research, each with a
--                     source, no assignee; at least threads × BENCH_PER_CONN of them
--   BENCH_PER_CONN    claims per connection (default 16)
--   BENCH_TOKEN_BEN, BENCH_TOKEN_CHEN, BENCH_TOKEN_DANA (reviewers), BENCH_TOKEN_ED (editor)
-- usage: BENCH_CLAIMS=... BENCH_TOKEN_...=... wrk -t16 -c16 -d10s -s Scripts/bench-workflow.lua http://127.0.0.1:PORT

local count = 0

function setup(thread)
    count = count + 1
    thread:set("index", count)
end

function init(args)
    local per = tonumber(os.getenv("BENCH_PER_CONN") or "16")
    local all = {}
    for line in io.lines(os.getenv("BENCH_CLAIMS")) do
        all[#all + 1] = line
    end
    claims = {}
    for i = 1, per do
        local id = all[(index - 1) * per + i]
        assert(id, "BENCH_CLAIMS has too few claims for this many connections")
        claims[i] = { id = id, assignee = nil }
    end
    tokens = {
        ben = os.getenv("BENCH_TOKEN_BEN"), chen = os.getenv("BENCH_TOKEN_CHEN"),
        dana = os.getenv("BENCH_TOKEN_DANA"), ed = os.getenv("BENCH_TOKEN_ED"),
    }
    for who, secret in pairs(tokens) do
        assert(secret and secret ~= "", "BENCH_TOKEN_" .. string.upper(who) .. " is not set")
    end
    reviewers = { "ben", "chen", "dana" }
    turn = index - 1
    slot = 1
    step = 1
    nextAssignee = nil
end

local function post(path, who, body)
    return wrk.format("POST", path, {
        ["Authorization"] = "Bearer " .. tokens[who],
        ["Content-Type"] = "application/json",
    }, body)
end

function request()
    local claim = claims[slot]
    local base = "/api/v1/claims/C-" .. claim.id
    local proposer = reviewers[turn % 3 + 1]
    local checker = reviewers[(turn + 1) % 3 + 1]
    if step == 1 then
        return post(base .. "/verdicts", proposer,
            '{"rating":"false","conclusion":"The series says otherwise."}')
    elseif step == 2 then
        return post(base .. "/verdict/return", checker, '{"reason":"Cite the table, not the summary."}')
    end
    for _, r in ipairs(reviewers) do
        if r ~= claim.assignee and r ~= checker then
            nextAssignee = r
            break
        end
    end
    return post(base .. "/assign", "ed", '{"user":"' .. nextAssignee .. '"}')
end

function response(status, headers, body)
    -- A refusal is counted by wrk (non-2xx); the cycle moves on as if it had worked, so one
    -- refusal shows up as a few, never as a stall.
    if step == 3 then
        if status >= 200 and status < 300 then claims[slot].assignee = nextAssignee end
        step = 1
        turn = turn + 1
        slot = slot % #claims + 1
    else
        step = step + 1
    end
end
