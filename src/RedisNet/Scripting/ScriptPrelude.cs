namespace RedisNet.Scripting;

/// <summary>
/// Lua run once per Lua state, before any user code: builds Redis's script environment (the redis
/// table, the libraries, the sandbox with read-only globals) on top of the C# natives (which raise
/// errors through the return hook, see LuaNatives.Fail). Redis's own Lua is patched to have
/// read-only tables; stock 5.1 has none, so read-only tables are proxies (reads go through, writes
/// raise Redis's error).
/// </summary>
internal static class ScriptPrelude
{
    public const string ChunkName = "=redisnet";

    public const string Code = """
local N = ...
local G = _G
local type, error, tostring, setmetatable, getmetatable, rawget, rawset, rawnext, select, unpack, xpcall =
      type, error, tostring, setmetatable, getmetatable, rawget, rawset, next, select, unpack, xpcall
local dbg_getinfo = debug.getinfo
local reset_hook = N.reset_hook

local ro = setmetatable({}, {__mode = 'k'})
local function roerror() error('Attempt to modify a readonly table', 2) end
local function readonly(t)
  local p = {}
  ro[p] = t
  setmetatable(p, {__index = t, __newindex = roerror})
  return p
end
local function real(t) return ro[t] or t end

local redis = {}
redis.LOG_DEBUG, redis.LOG_VERBOSE, redis.LOG_NOTICE, redis.LOG_WARNING = 0, 1, 2, 3
redis.REPL_NONE, redis.REPL_AOF, redis.REPL_SLAVE, redis.REPL_REPLICA, redis.REPL_ALL = 0, 1, 2, 2, 3
redis.REDIS_VERSION, redis.REDIS_VERSION_NUM = N.version, N.version_num
redis.call = N.call
redis.pcall = N.redis_pcall
redis.log = N.log
redis.setresp = N.setresp
redis.sha1hex = N.sha1hex
redis.set_repl = N.set_repl
redis.acl_check_cmd = N.acl_check_cmd
redis.replicate_commands = function() return true end
redis.breakpoint = function() return false end
redis.debug = function() end
local function reply_table(field)
  return function(...)
    local msg = ...
    if select('#', ...) ~= 1 or type(msg) ~= 'string' then return {err = 'ERR wrong number or type of arguments'} end
    if field == 'ok' then return {ok = msg} end
    return N.error_table(msg)
  end
end
redis.error_reply = reply_table('err')
redis.status_reply = reply_table('ok')

local libs = {}
for _, lib in ipairs({'bit', 'cjson', 'cmsgpack', 'struct'}) do
  local t = {}
  for name, f in rawnext, N[lib] or {} do t[name] = f end
  libs[lib] = t
end

math.random = N.random
math.randomseed = N.randomseed

local function handler(err)
  local lvl = 2
  local i = dbg_getinfo(lvl, 'nSl')
  while i and (i.what == 'C' or i.what == 'tail' or i.source == '=redisnet') do
    lvl = lvl + 1
    i = dbg_getinfo(lvl, 'nSl')
  end
  if N.killed() then
    err = {err = 'ERR Script killed by user with SCRIPT KILL...'}
  elseif type(err) ~= 'table' then
    err = {err = 'ERR ' .. tostring(err)}
  end
  if i then
    err.source = i.source
    err.line = i.currentline
  end
  return err
end

-- Globals scripts see (Redis 7.0's list); everything else (os, io, print, debug, ...) is gone.
local keep = {'_VERSION', 'assert', 'collectgarbage', 'coroutine', 'error', 'gcinfo', 'getmetatable',
  'ipairs', 'load', 'loadstring', 'math', 'next', 'pairs', 'pcall', 'rawequal', 'rawget', 'rawset',
  'select', 'setmetatable', 'string', 'table', 'tonumber', 'tostring', 'type', 'unpack', 'xpcall'}
local env = {}
for _, k in ipairs(keep) do env[k] = G[k] end
for k, v in rawnext, libs do env[k] = v end
env.redis = redis
env.__redis__err__handler = handler

-- The proxies must be seen through by the functions that bypass metamethods.
local function next_ro(t, k) return rawnext(real(t), k) end
env.next = next_ro
env.pairs = function(t) if type(t) ~= 'table' then return G.pairs(t) end return next_ro, t, nil end
env.ipairs = function(t) return G.ipairs(real(t)) end
env.rawget = function(t, k) return rawget(real(t), k) end
env.rawset = function(t, k, v)
  if ro[t] then error('Attempt to modify a readonly table', 0) end
  return rawset(t, k, v)
end
env.setmetatable = function(t, m)
  if ro[t] then error('Attempt to modify a readonly table', 0) end
  return setmetatable(t, m)
end
env.getmetatable = function(t) if ro[t] then return nil end return getmetatable(t) end
-- Redis's pcall returns the message of an error table; both also put the regular hook back
-- after a native raised through its return hook (see LuaNatives.Fail).
env.pcall = N.pcall
env.xpcall = N.xpcall
for _, k in ipairs({'string', 'table', 'math', 'coroutine', 'redis', 'bit', 'cjson', 'cmsgpack', 'struct'}) do
  env[k] = readonly(env[k])
end
-- String methods ("s:upper()") go through the read-only string table, as getmetatable('').__index == string.
getmetatable('').__index = env.string
local proxy = {}
ro[proxy] = env
env._G = proxy
local lookup = env
setmetatable(proxy, {
  __index = function(_, k)
    local v = lookup[k]
    if v == nil then error("Script attempted to access nonexistent global variable '" .. tostring(k) .. "'", 2) end
    return v
  end,
  __newindex = roerror,
})

-- While a function library loads (FUNCTION LOAD) its code sees only redis.register_function,
-- redis.log and the constants; loading(nil) restores the full globals.
local function loading(register)
  if register == nil then lookup = env return end
  local api = {register_function = register, log = redis.log, LOG_DEBUG = 0, LOG_VERBOSE = 1,
    LOG_NOTICE = 2, LOG_WARNING = 3, REDIS_VERSION = redis.REDIS_VERSION, REDIS_VERSION_NUM = redis.REDIS_VERSION_NUM}
  local p = {}
  ro[p] = api
  setmetatable(p, {__newindex = roerror, __index = function(_, k)
    local v = api[k]
    if v == nil then error("Script attempted to access nonexistent global variable '" .. tostring(k) .. "'", 2) end
    return v
  end})
  lookup = {redis = p}
end

local function set_args(keys, args) env.KEYS = keys; env.ARGV = args end
return proxy, handler, set_args, loading
""";
}
