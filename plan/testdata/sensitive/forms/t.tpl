tpl ${s} end
