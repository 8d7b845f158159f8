namespace RedisNet.Commands.Hashes;

/// <summary>What HRANDFIELD and SRANDMEMBER share: the count argument and picking distinct elements.</summary>
public static class RandomCount
{
    /// <summary>Redis's getRangeLongFromObjectOrReply(-LONG_MAX, LONG_MAX): the count may be negative, but not LONG_MIN.</summary>
    public static bool TryParse(CommandContext ctx, int arg, out long count)
    {
        if (!ctx.TryArgLong(arg, out count)) return false;
        if (count != long.MinValue) return true;
        ctx.Error("ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807");
        return false;
    }

    /// <summary>
    /// <paramref name="count"/> distinct occupied slots out of <paramref name="slotCount"/> chosen uniformly;
    /// in slot order when <paramref name="keepOrder"/> (as Redis's listpack sampling), else in random order.
    /// </summary>
    public static int[] DistinctSlots(int slotCount, int occupiedCount, Func<int, bool> occupied, int count, Random rng, bool keepOrder)
    {
        if ((long)count * 3 <= occupiedCount)
        {
            // Few of many (Redis's case 4): random picks until enough distinct ones, O(count).
            var chosen = new HashSet<int>();
            while (chosen.Count < count)
            {
                int s = rng.Next(slotCount);
                if (occupied(s)) chosen.Add(s);
            }
            var few = chosen.ToArray();
            if (keepOrder) Array.Sort(few);
            return few;
        }
        var all = new List<int>(slotCount);
        for (int i = 0; i < slotCount; i++) if (occupied(i)) all.Add(i);
        for (int i = 0; i < count; i++)
        {
            int j = i + rng.Next(all.Count - i);
            (all[i], all[j]) = (all[j], all[i]);
        }
        var picked = all.GetRange(0, count).ToArray();
        if (keepOrder) Array.Sort(picked);
        return picked;
    }
}
