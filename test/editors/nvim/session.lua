-- One editing session on the fixture project, through the plugin and Neovim's own LSP client: completion at a hole,
-- :SpackleContext, the "Fill hole" code action, :SpackleFill, then the server stopped.
local driver = dofile(vim.fn.fnamemodify(debug.getinfo(1, 'S').source:sub(2), ':h') .. '/driver.lua')
local plan, report, wait = driver.plan, driver.report, driver.wait

vim.o.completeopt = 'menuone,noinsert'
local open = driver.open

local function wait_for_change(what, before)
  return wait(what, function()
    local text = driver.text()
    return text ~= before and text
  end)
end

driver.run(function()
  -- Completion: <C-x><C-o> inside `_()`, the first item accepted with <C-y>.
  local spot = plan.spots.completion
  local client = open(spot.file)
  report.pid = client.rpc.pid
  report.server = vim.fn.exepath(client.config.cmd[1])
  report.diagnostics = driver.diagnostics()
  driver.cursor_at(spot)
  local before = driver.text()
  local items = driver.complete('i<C-x><C-o>')
  -- The first item as the menu shows it: the fill and its type.
  report.completion = items[1].word .. ' ' .. items[1].menu
  driver.type('<C-y><Esc>')
  report.completionText = wait_for_change('the completion to be applied', before)

  -- Hover (K's vim.lsp.buf.hover), then :SpackleContext: the floating windows' text.
  spot = plan.spots.context
  open(spot.file)
  driver.cursor_at(spot)
  report.hover = driver.float_lines('the hover window', vim.lsp.buf.hover)
  report.context = driver.float_lines('the context window', function()
    vim.cmd('SpackleContext')
  end)

  -- The code action, picked from the menu by its title as the user would.
  spot = plan.spots.codeAction
  driver.cursor_at(spot)
  before = driver.text()
  local select = vim.ui.select
  vim.ui.select = function(choices, options, on_choice)
    report.codeActions = vim.tbl_map(options.format_item, choices)
    for _, choice in ipairs(choices) do
      if options.format_item(choice):match('^Fill hole with') then
        return on_choice(choice)
      end
    end
    on_choice(nil)
  end
  vim.lsp.buf.code_action()
  report.codeActionText = wait_for_change('the code action to be applied', before)
  vim.ui.select = select

  -- :SpackleFill at a cursor hole, then where there is no hole.
  spot = plan.spots.fill
  open(spot.file)
  driver.cursor_at(spot)
  before = driver.text()
  local shown = #report.notifications
  vim.cmd('SpackleFill')
  report.fillText = wait_for_change(':SpackleFill to apply its fill', before)
  report.fillMessage = driver.notification_after(shown, 'the message of :SpackleFill', 'spackle:')
  shown = #report.notifications
  open(plan.spots.noHole.file)
  driver.cursor_at(plan.spots.noHole)
  vim.cmd('SpackleFill')
  report.noHole = driver.notification_after(shown, 'the message of :SpackleFill without a hole')

  -- Stopping the server as Neovim does when it quits: shutdown, exit, and the process is gone.
  vim.lsp.stop_client(client.id)
  wait('the server process to end', function()
    return vim.loop.kill(report.pid, 0) ~= 0
  end)
  report.shutdown = true
end)
