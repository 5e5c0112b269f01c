using NeuroKernel.Synapses;

namespace NeuroKernel.Tests.Synapses;

/// <summary>
/// The builder's index list: 16-bit storage while every index fits, 32-bit from the first that does not, with
/// the same contents either way (reads, reads across chunks, rollback).
/// </summary>
[TestFixture]
public class IdListTests
{
    [Test]
    public void Indices_below_65536_are_stored_narrow_and_read_back_exactly()
    {
        var list = new IdList();
        var expected = new List<int>();
        var rng = new System.Random(3);
        for (int run = 0; run < 300; run++)
        {
            int[] ids = [.. Enumerable.Range(0, rng.Next(1, 5000)).Select(_ => rng.Next(0, 65536))];
            list.AddRange(ids);
            expected.AddRange(ids);
        }

        Assert.That(list.IsNarrow, Is.True);
        AssertContents(list, expected);
    }

    [Test]
    public void The_first_index_above_65535_widens_the_list_without_changing_what_is_stored()
    {
        var list = new IdList();
        var expected = new List<int>();
        int[] small = [.. Enumerable.Range(0, 3_000_000).Select(i => i % 65536)];
        list.AddRange(small);
        expected.AddRange(small);
        Assert.That(list.IsNarrow, Is.True);

        int[] large = [5, 65536, int.MaxValue, 7];
        list.AddRange(large);
        expected.AddRange(large);

        Assert.That(list.IsNarrow, Is.False);
        AssertContents(list, expected);
    }

    [TestCase(true)]
    [TestCase(false)]
    public void Truncate_drops_the_tail_in_either_width(bool narrow)
    {
        var list = new IdList();
        int top = narrow ? 60_000 : 1_000_000;
        int[] ids = [.. Enumerable.Range(0, 2_500_000).Select(i => i % top)];
        list.AddRange(ids);
        list.Truncate(1_234_567);
        list.AddRange([1, 2, 3]);

        Assert.That(list.IsNarrow, Is.EqualTo(narrow));
        AssertContents(list, [.. ids.Take(1_234_567), 1, 2, 3]);
    }

    private static void AssertContents(IdList list, List<int> expected)
    {
        Assert.That(list.Count, Is.EqualTo(expected.Count));
        int[] scratch = [];
        for (int start = 0; start < expected.Count; start += 100_003)
        {
            int count = Math.Min(100_003, expected.Count - start);
            var span = list.GetSpan(start, count, ref scratch);
            Assert.That(span.ToArray(), Is.EqualTo(expected.GetRange(start, count)), $"entries from {start}");
        }

        Assert.That(list[expected.Count - 1], Is.EqualTo(expected[^1]));
    }
}
