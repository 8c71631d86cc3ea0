-- Drives headless Neovim as a user would: the scenario runs in a coroutine that waits by yielding to a timer, so the
-- main loop keeps running (LSP messages, typed keys, completion popups). What the user would see goes into a JSON
-- report that the vitest test (test/editors/neovim.test.ts) asserts on; then Neovim quits.
local M = {}

local WAIT_MS = 30000

M.plan = vim.fn.json_decode(vim.env.SPACKLE_PLAN)
M.report = { notifications = {} }

-- Messages shown to the user, recorded before they are shown.
local notify = vim.notify
vim.notify = function(message, level, opts)
  table.insert(M.report.notifications, message)
  return notify(message, level, opts)
end

local co

--- Waits until probe() returns a truthy value (which it returns); fails the scenario after WAIT_MS.
function M.wait(what, probe)
  local started = vim.loop.now()
  while true do
    local value = probe()
    if value then
      return value
    end
    if vim.loop.now() - started > WAIT_MS then
      error('timed out waiting for ' .. what, 0)
    end
    vim.defer_fn(function()
      assert(coroutine.resume(co))
    end, 20)
    coroutine.yield()
  end
end

--- Keys typed by the user, handled by the main loop after the scenario yields.
function M.type(keys)
  vim.api.nvim_feedkeys(vim.api.nvim_replace_termcodes(keys, true, false, true), 'n', false)
end

--- Types `keys` that open the completion menu; its items, once it shows.
function M.complete(keys)
  M.type(keys)
  return M.wait('the completion menu', function()
    return vim.fn.pumvisible() == 1 and vim.fn.complete_info({ 'items' }).items
  end)
end

--- Puts the cursor where a spot says: `cursor` bytes into the first occurrence of `around` (which may span lines).
function M.cursor_at(spot)
  local text = M.text()
  local at = text:find(spot.around, 1, true)
  if not at then
    error(spot.around .. ' not in ' .. vim.api.nvim_buf_get_name(0), 0)
  end
  local before = text:sub(1, at - 1 + spot.cursor)
  local line_start = before:match('.*\n()') or 1
  vim.api.nvim_win_set_cursor(0, { select(2, before:gsub('\n', '')) + 1, #before - line_start + 1 })
end

function M.text(bufnr)
  return table.concat(vim.api.nvim_buf_get_lines(bufnr or 0, 0, -1, false), '\n') .. '\n'
end

--- The first notification after the first `count` ones that contains `text` (any, without it), once it is shown.
function M.notification_after(count, what, text)
  return M.wait(what, function()
    for i = count + 1, #M.report.notifications do
      local message = M.report.notifications[i]
      if not text or message:find(text, 1, true) then
        return message
      end
    end
  end)
end

--- The lines of the floating window `open` opens (the ones open before are closed first).
function M.float_lines(what, open)
  local function floats()
    return vim.tbl_filter(function(win)
      return vim.api.nvim_win_get_config(win).relative ~= ''
    end, vim.api.nvim_list_wins())
  end
  for _, win in ipairs(floats()) do
    vim.api.nvim_win_close(win, true)
  end
  open()
  return M.wait(what, function()
    local win = floats()[1]
    return win and vim.api.nvim_buf_get_lines(vim.api.nvim_win_get_buf(win), 0, -1, false)
  end)
end

--- Opens a fixture file and waits for Spackle to attach to it; returns the client.
function M.open(name)
  vim.cmd('edit ' .. vim.fn.fnameescape(M.plan.root .. '/' .. name))
  return M.wait('spackle to attach to ' .. name, function()
    return require('spackle').client(0)
  end)
end

--- Diagnostics' messages in the current buffer, once there are some.
function M.diagnostics()
  return M.wait('diagnostics', function()
    local messages = vim.tbl_map(function(d)
      return d.message
    end, vim.diagnostic.get(0))
    return #messages > 0 and messages
  end)
end

--- The lazy.nvim spec of the README the plan names: its ```lua block that is a table with a `dir`.
local function readme_spec()
  local readme = table.concat(vim.fn.readfile(M.plan.readme), '\n')
  for block in readme:gmatch('```lua\n(.-)\n```') do
    if block:match('^{') and block:find('dir =', 1, true) then
      return assert(loadstring('return ' .. block, 'the lazy.nvim spec of ' .. M.plan.readme))()
    end
  end
  error('no lazy.nvim spec in ' .. M.plan.readme, 0)
end

--- Sets Spackle up as lazy.nvim does from the README's spec (lazy.nvim needs Neovim 0.8, so its part is done here:
--- `dir` on the runtime path, then `require(main).setup(opts)`), the plan's command and settings over its opts.
local function setup()
  local spec = readme_spec()
  vim.opt.runtimepath:prepend(spec.dir)
  local plugin = require(spec.main)
  plugin.setup(vim.tbl_deep_extend('force', spec.opts, { cmd = M.plan.cmd, settings = M.plan.settings }))
  M.report.client = debug.getinfo(plugin.setup, 'S').source:sub(2)
end

--- Runs the scenario (after Spackle's setup), writes the report (with the error that ended it, if any) and quits.
function M.run(scenario)
  vim.cmd('filetype on')
  co = coroutine.create(function()
    local ok, err = pcall(function()
      setup()
      scenario()
    end)
    if not ok then
      M.report.error = tostring(err)
    end
    -- Everything shown in the message area, LSP's own messages included (:messages).
    M.report.messages = vim.split(vim.fn.execute('messages'), '\n', { trimempty = true })
    vim.fn.writefile({ vim.fn.json_encode(M.report) }, M.plan.report)
    vim.cmd('qa!')
  end)
  assert(coroutine.resume(co))
end

return M
