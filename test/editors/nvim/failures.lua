-- What the user is told when the server cannot start (plan.cmd is no executable) or dies under them (plan.crash).
local driver = dofile(vim.fn.fnamemodify(debug.getinfo(1, 'S').source:sub(2), ':h') .. '/driver.lua')
local plan, report = driver.plan, driver.report

driver.run(function()
  local spot = plan.spots.completion
  vim.cmd('edit ' .. vim.fn.fnameescape(plan.root .. '/' .. spot.file))
  if plan.crash then
    local client = driver.open(spot.file)
    driver.diagnostics()
    report.pid = client.rpc.pid
    vim.loop.kill(report.pid, 'sigkill')
    report.crash = driver.notification_after(0, 'the crash to be reported', 'spackle:')
  end
  report.attached = require('spackle').client(0) ~= nil
  local shown = #report.notifications
  driver.cursor_at(spot)
  vim.cmd('SpackleFill')
  report.fill = driver.notification_after(shown, 'the message of :SpackleFill')
end)
