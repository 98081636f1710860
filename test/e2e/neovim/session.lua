-- A headless Neovim session with nianbao (test/e2e/neovim.e2e.mjs runs it after init.lua):
--   1. open NIANBAO_NVIM_FILE (a draft with a wrong 总计), wait for the diagnostics;
--   2. cursor on the wrong cell, :lua vim.lsp.buf.code_action(), pick “将合计改为 N” (vim.ui.select is
--      answered the way a person would), :write;
--   3. open NIANBAO_NVIM_FIXALL, ask for source.fixAll.nianbao only, :write.
-- Everything seen is written as JSON to NIANBAO_NVIM_RESULT; the Node side asserts it.
local result = {}
local function save_result()
  local f = assert(io.open(os.getenv('NIANBAO_NVIM_RESULT'), 'w'))
  f:write(vim.fn.json_encode(result))
  f:close()
end
local function fail(msg)
  result.error = msg
  save_result()
  vim.cmd('cquit 1')
end
local function wait(ms, what, cond)
  if not vim.wait(ms, cond, 50) then error('timed out waiting for ' .. what) end
end
local function ours(bufnr)
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local lsp = (d.user_data or {}).lsp or {}
    table.insert(out, { lnum = d.lnum, col = d.col, end_col = d.end_col, severity = d.severity, message = d.message,
      source = d.source, code = lsp.code or d.code })
  end
  return out
end
local function total_mismatch(bufnr)
  local t = {}
  for _, d in ipairs(ours(bufnr)) do if d.code == 'total-mismatch' then table.insert(t, d) end end
  return t
end

-- the user's choice in the code-action menu: the entry with this title
local wanted_title, offered, chosen
vim.ui.select = function(items, opts, on_choice)
  offered = {}
  local pick
  for _, item in ipairs(items) do
    local action = item[2]
    table.insert(offered, { title = action.title, kind = action.kind, isPreferred = action.isPreferred })
    if action.title == wanted_title then pick = item end
  end
  chosen = pick and pick[2].title or nil
  on_choice(pick)
end

local ok, err = pcall(function()
  -- 1. diagnostics
  vim.cmd('edit ' .. vim.fn.fnameescape(os.getenv('NIANBAO_NVIM_FILE')))
  local buf = vim.api.nvim_get_current_buf()
  -- seed 003 has no final newline; Neovim would add one on :write ('fixendofline'). Keep the file as it is,
  -- so that the bytes written are exactly the server's edit (compared with the CLI's --fix output).
  vim.bo.fixendofline = false
  wait(20000, 'the client to attach', function() return #vim.lsp.buf_get_clients(buf) > 0 end)
  result.client = vim.lsp.buf_get_clients(buf)[next(vim.lsp.buf_get_clients(buf))].name
  wait(20000, 'a total-mismatch diagnostic', function() return #total_mismatch(buf) > 0 end)
  result.diagnostics = ours(buf)

  -- 2. the quick fix at the wrong cell, as :lua vim.lsp.buf.code_action() offers it
  local d = total_mismatch(buf)[1]
  local expected = d.message:match('应为 (%d+)')
  wanted_title = '将合计改为 ' .. expected
  vim.api.nvim_win_set_cursor(0, { d.lnum + 1, d.col })
  vim.lsp.buf.code_action()
  wait(10000, 'the code action menu', function() return offered ~= nil end)
  result.offered = offered
  result.chosen = chosen
  result.line_after_fix = vim.api.nvim_buf_get_lines(buf, d.lnum, d.lnum + 1, false)[1]
  vim.cmd('silent write')
  wait(10000, 'the total-mismatch to go', function() return #total_mismatch(buf) == 0 end)
  result.diagnostics_after_fix = ours(buf)

  -- 3. source.fixAll.nianbao on another draft (every total)
  vim.cmd('edit ' .. vim.fn.fnameescape(os.getenv('NIANBAO_NVIM_FIXALL')))
  local buf2 = vim.api.nvim_get_current_buf()
  vim.bo.fixendofline = false
  wait(20000, 'total-mismatch diagnostics in the second draft', function() return #total_mismatch(buf2) > 0 end)
  result.fixall_before = #total_mismatch(buf2)
  offered, chosen = nil, nil
  wanted_title = nil
  local fixall_title
  vim.ui.select = function(items, _, on_choice)
    offered = {}
    for _, item in ipairs(items) do table.insert(offered, { title = item[2].title, kind = item[2].kind }) end
    fixall_title = items[1] and items[1][2].title
    on_choice(items[1])
  end
  vim.lsp.buf.code_action({ only = { 'source.fixAll.nianbao' } })
  wait(10000, 'the fix-all action', function() return offered ~= nil end)
  result.fixall_offered = offered
  result.fixall_title = fixall_title
  vim.cmd('silent write')
  wait(10000, 'every total-mismatch to go', function() return #total_mismatch(buf2) == 0 end)
end)
if not ok then return fail(tostring(err)) end
result.ok = true
save_result()
vim.cmd('qall!')
