using RealtimeHub.Server.Redis;

namespace RealtimeHub.Server.Presence;

/// <summary>
/// The Lua scripts of <see cref="RedisPresenceTracker"/>. Every script takes ARGV[1] = key prefix and ARGV[2] = node
/// id, and builds its keys from them (the key layout is documented on <see cref="RedisPresenceTracker"/>). Each runs
/// atomically, so "first connection in the room" and "last one left" are decided once across all nodes. Every
/// update is idempotent (set membership, not counters), so a repeated or re-synchronised update never double-counts.
/// </summary>
internal static class RedisPresenceScripts
{
    /// <summary>ARGV[3..6] = connection, user, name, node timeout (ms).</summary>
    public static RedisScript Connect { get; } = Script("""
        connect(NODE, ARGV[3], ARGV[4], ARGV[5])
        redis.call('SET', node_key(NODE, 'alive'), '1', 'PX', ARGV[6], 'NX')
        return 1
        """);

    /// <summary>ARGV[3..7] = connection, user, name, room, node timeout (ms). Returns 1 when the user's first connection joined.</summary>
    public static RedisScript Join { get; } = Script("""
        connect(NODE, ARGV[3], ARGV[4], ARGV[5])
        redis.call('SET', node_key(NODE, 'alive'), '1', 'PX', ARGV[7], 'NX')
        return join(NODE, ARGV[3], ARGV[4], ARGV[5], ARGV[6]) and 1 or 0
        """);

    /// <summary>
    /// ARGV[3..5] = connection, user, room. Returns 1 when the user's last connection left, 0 when not, and 2 when Redis
    /// no longer knew the connection (it lost its data): whether others of the user are still there is unknown until
    /// every node has re-registered.
    /// </summary>
    public static RedisScript Leave { get; } = Script("""
        local known = redis.call('HEXISTS', node_key(NODE, 'connections'), ARGV[3]) == 1
        local last = leave(NODE, ARGV[3], ARGV[4], ARGV[5])
        if not known then return 2 end
        return last and 1 or 0
        """);

    /// <summary>
    /// ARGV[3..4] = connection, user; ARGV[5..] = the rooms this node knows it was in. Returns {known, {room, user, name}…
    /// left entirely}, known = 0 when Redis no longer knew the connection (as for <see cref="Leave"/>).
    /// </summary>
    public static RedisScript Disconnect { get; } = Script("""
        local known = redis.call('HEXISTS', node_key(NODE, 'connections'), ARGV[3])
        local left = {}
        disconnect(NODE, ARGV[3], ARGV[4], {unpack(ARGV, 5)}, left)
        return {known, left}
        """);

    /// <summary>ARGV[3..] = room, user pairs. Returns {room, user}… of the pairs where the user is no longer a member.</summary>
    public static RedisScript Absent { get; } = Script("""
        local absent = {}
        for i = 3, #ARGV, 2 do
          if redis.call('HEXISTS', members_key(ARGV[i]), ARGV[i + 1]) == 0 then
            table.insert(absent, ARGV[i]); table.insert(absent, ARGV[i + 1])
          end
        end
        return absent
        """);

    /// <summary>ARGV[3..4] = node timeout (ms), session. Returns 1 when Redis still holds this session's registration.</summary>
    public static RedisScript Heartbeat { get; } = Script("""
        redis.call('SET', node_key(NODE, 'alive'), '1', 'PX', ARGV[3])
        redis.call('SADD', NODES, NODE)
        redis.call('SREM', DEPARTED, NODE)
        return redis.call('GET', node_key(NODE, 'session')) == ARGV[4] and 1 or 0
        """);

    /// <summary>
    /// Removes every other node whose heartbeat expired and lists it as departed (for <see cref="IDeadNodeObserver"/>s).
    /// Returns {{dead node}…, {room, user, name}…, {departed node}…}: the last, every node still listed as departed.
    /// </summary>
    public static RedisScript Reap { get; } = Script("""
        local dead, left = {}, {}
        for _, node in ipairs(redis.call('SMEMBERS', NODES)) do
          if node ~= NODE and redis.call('EXISTS', node_key(node, 'alive')) == 0 then
            remove_node(node, left)
            redis.call('SADD', DEPARTED, node)
            table.insert(dead, node)
          end
        end
        return {dead, left, redis.call('SMEMBERS', DEPARTED)}
        """);

    /// <summary>ARGV[3] = a departed node every observer has dealt with. Forgets it.</summary>
    public static RedisScript Departed { get; } = Script("""
        return redis.call('SREM', DEPARTED, ARGV[3])
        """);

    /// <summary>Removes this node's registration (shutdown) and lists it as departed. Returns {room, user, name}… left entirely.</summary>
    public static RedisScript Goodbye { get; } = Script("""
        local left = {}
        remove_node(NODE, left)
        redis.call('SADD', DEPARTED, NODE)
        return left
        """);

    /// <summary>
    /// Makes Redis hold exactly this node's local state. ARGV[3..4] = node timeout (ms), session; then per connection:
    /// id, user, name, room count, rooms…. Returns {{room, user, name}… for memberships Redis had but the node has not,
    /// {room, user, name}… for users this put back into a room as their first connection there (Redis had lost them)}.
    /// </summary>
    public static RedisScript Resync { get; } = Script("""
        local want, i = {}, 5
        while i <= #ARGV do
          local rooms, count = {}, tonumber(ARGV[i + 3])
          for j = 1, count do rooms[ARGV[i + 3 + j]] = true end
          want[ARGV[i]] = {user = ARGV[i + 1], name = ARGV[i + 2], rooms = rooms}
          i = i + 4 + count
        end
        local left = {}
        local have = redis.call('HGETALL', node_key(NODE, 'connections'))
        for h = 1, #have, 2 do
          local conn, user = have[h], have[h + 1]
          local wanted = want[conn]
          if not wanted or wanted.user ~= user then
            disconnect(NODE, conn, user, {}, left)
          else
            for _, room in ipairs(redis.call('SMEMBERS', conn_rooms_key(NODE, conn))) do
              if not wanted.rooms[room] then
                local name = leave(NODE, conn, user, room)
                if name then table.insert(left, room); table.insert(left, user); table.insert(left, name) end
              end
            end
          end
        end
        local arrived = {}
        for conn, wanted in pairs(want) do
          connect(NODE, conn, wanted.user, wanted.name)
          for room in pairs(wanted.rooms) do
            if join(NODE, conn, wanted.user, wanted.name, room) then
              table.insert(arrived, room); table.insert(arrived, wanted.user); table.insert(arrived, wanted.name)
            end
          end
        end
        redis.call('SET', node_key(NODE, 'alive'), '1', 'PX', ARGV[3])
        redis.call('SET', node_key(NODE, 'session'), ARGV[4])
        redis.call('SADD', NODES, NODE)
        redis.call('SREM', DEPARTED, NODE)
        return {left, arrived}
        """);

    // Shared helpers. A connection is "{node}/{connection}" in the user and room sets; node ids never contain '/'.
    private const string Preamble = """
        local P, NODE = ARGV[1], ARGV[2]
        local ONLINE, ROOMS, NODES, DEPARTED = P .. ':online', P .. ':rooms', P .. ':nodes', P .. ':departed'
        local function node_key(node, suffix) return P .. ':node:' .. node .. ':' .. suffix end
        local function conn_rooms_key(node, conn) return P .. ':node:' .. node .. ':rooms:' .. conn end
        local function user_key(user) return P .. ':user:' .. user end
        local function members_key(room) return P .. ':room:' .. room .. ':members' end
        local function room_conns_key(room, user) return P .. ':room:' .. room .. ':connections:' .. user end

        local function connect(node, conn, user, name)
          redis.call('SADD', NODES, node)
          redis.call('HSET', node_key(node, 'connections'), conn, user)
          redis.call('SADD', user_key(user), node .. '/' .. conn)
          redis.call('HSET', ONLINE, user, name)
        end

        local function join(node, conn, user, name, room)
          redis.call('SADD', conn_rooms_key(node, conn), room)
          local added = redis.call('SADD', room_conns_key(room, user), node .. '/' .. conn)
          redis.call('HSET', members_key(room), user, name)
          redis.call('SADD', ROOMS, room)
          return added == 1 and redis.call('SCARD', room_conns_key(room, user)) == 1
        end

        -- Returns the user's name when this was the user's last connection in the room, else false.
        local function leave(node, conn, user, room)
          redis.call('SREM', conn_rooms_key(node, conn), room)
          if redis.call('SREM', room_conns_key(room, user), node .. '/' .. conn) == 0 then return false end
          if redis.call('EXISTS', room_conns_key(room, user)) == 1 then return false end
          local name = redis.call('HGET', members_key(room), user) or user
          redis.call('HDEL', members_key(room), user)
          if redis.call('EXISTS', members_key(room)) == 0 then redis.call('SREM', ROOMS, room) end
          return name
        end

        local function disconnect(node, conn, user, extra_rooms, left)
          local rooms = redis.call('SMEMBERS', conn_rooms_key(node, conn))
          for _, room in ipairs(extra_rooms) do table.insert(rooms, room) end
          for _, room in ipairs(rooms) do
            local name = leave(node, conn, user, room)
            if name then table.insert(left, room); table.insert(left, user); table.insert(left, name) end
          end
          redis.call('DEL', conn_rooms_key(node, conn))
          redis.call('HDEL', node_key(node, 'connections'), conn)
          redis.call('SREM', user_key(user), node .. '/' .. conn)
          if redis.call('EXISTS', user_key(user)) == 0 then redis.call('HDEL', ONLINE, user) end
        end

        local function remove_node(node, left)
          local conns = redis.call('HGETALL', node_key(node, 'connections'))
          for i = 1, #conns, 2 do disconnect(node, conns[i], conns[i + 1], {}, left) end
          redis.call('DEL', node_key(node, 'connections'), node_key(node, 'session'), node_key(node, 'alive'))
          redis.call('SREM', NODES, node)
        end

        """;

    private static RedisScript Script(string body) => new(Preamble + body);
}
