-- The context of a hole (the `spackle/holeContext` result) as markdown lines for a floating window.
local M = {}

local function code_block(lines, texts)
  table.insert(lines, '```typescript')
  for _, text in ipairs(texts) do
    vim.list_extend(lines, vim.split(text, '\n', { plain = true }))
  end
  table.insert(lines, '```')
end

function M.lines(ctx)
  local expected = ctx.expectedType and ('`' .. ctx.expectedType.text .. '`') or 'nothing (no type constrains it)'
  local lines = { string.format('**%s hole**: expected %s', ctx.hole.kind, expected) }
  if ctx.receiver then
    table.insert(lines, string.format('member of `%s`: `%s`', ctx.receiver.text, ctx.receiver.type))
  end
  local sections = {
    { title = 'Relevant types', items = ctx.relevantTypes, text = 'text' },
    { title = 'Relevant headers', items = ctx.relevantHeaders, text = 'signature' },
  }
  for _, section in ipairs(sections) do
    table.insert(lines, '')
    if #section.items == 0 then
      table.insert(lines, string.format('**%s**: none', section.title))
    else
      table.insert(lines, string.format('**%s**', section.title))
      code_block(lines, vim.tbl_map(function(item)
        return item[section.text]
      end, section.items))
    end
  end
  return lines
end

return M
