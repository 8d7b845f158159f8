using System.Text;
using RedisNet.Types.List;
using Xunit;

namespace RedisNet.Tests.Unit;

/// <summary>ListChunk (a list node with free room at both ends) against a plain List model under random operations.</summary>
public class ListChunkTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void RandomOperationsMatchAModel(int seed)
    {
        var rng = new Random(seed);
        var chunk = new ListChunk();
        var model = new List<string>();
        for (int step = 0; step < 5000; step++)
        {
            int op = rng.Next(10);
            var v = new string((char)('a' + rng.Next(26)), rng.Next(0, 12));
            if (op < 4) { chunk.Insert(0, Encoding.ASCII.GetBytes(v)); model.Insert(0, v); }
            else if (op < 7) { chunk.Insert(chunk.Count, Encoding.ASCII.GetBytes(v)); model.Add(v); }
            else if (op == 7 && model.Count > 0)
            {
                int i = rng.Next(model.Count + 1);
                chunk.Insert(i, Encoding.ASCII.GetBytes(v));
                model.Insert(i, v);
            }
            else if (op == 8 && model.Count > 0)
            {
                int i = rng.Next(model.Count), n = rng.Next(1, Math.Min(4, model.Count - i) + 1);
                chunk.RemoveRange(i, n);
                model.RemoveRange(i, n);
            }
            else if (op == 9 && model.Count > 2)
            {
                // Split and re-append (quicklist split and merge), or clone.
                if (rng.Next(2) == 0)
                {
                    var tail = chunk.SplitAt(rng.Next(model.Count));
                    chunk.Append(tail);
                }
                else chunk = chunk.Clone();
            }
            Assert.Equal(model.Count, chunk.Count);
            if (step % 50 == 0 || model.Count < 5)
                for (int i = 0; i < model.Count; i++) Assert.Equal(model[i], Encoding.ASCII.GetString(chunk.Get(i)));
        }
        Assert.Equal(model.Sum(s => s.Length), chunk.Used);
    }
}
