using NeuroKernel.Synapses;

namespace NeuroKernel.Tests.Synapses;

/// <summary>
/// Large connection arrays in huge pages: the right length, contents that read back, small arrays zeroed as usual,
/// the advice accepted by Linux, and chunked lists that cross several huge-page chunks without losing an entry.
/// </summary>
[TestFixture]
public class LargeArraysTests
{
    [Test]
    public void Small_arrays_are_ordinary_zeroed_arrays()
    {
        var small = LargeArrays.AllocateUninitialized<ushort>(1000);
        Assert.That(small, Has.Length.EqualTo(1000));
        Assert.That(small, Is.All.Zero);
    }

    [Test]
    public void Large_arrays_have_the_requested_length_and_keep_what_is_written()
    {
        const int Length = 5_000_000; // 10 MB of ushort
        var array = LargeArrays.AllocateUninitialized<ushort>(Length);
        Assert.That(array, Has.Length.EqualTo(Length));
        for (int i = 0; i < Length; i++)
        {
            array[i] = (ushort)(i * 7919);
        }

        for (int i = 0; i < Length; i += 997)
        {
            Assert.That(array[i], Is.EqualTo((ushort)(i * 7919)));
        }
    }

    [Test]
    public void Linux_accepts_the_huge_page_advice()
    {
        if (!OperatingSystem.IsLinux() || !Directory.Exists("/sys/kernel/mm/transparent_hugepage"))
        {
            Assert.Ignore("Transparent huge pages exist only on Linux kernels built with them.");
        }

        var array = new int[8 << 20]; // 32 MB
        Assert.That(LargeArrays.AdviseHugePages(array), Is.True);
        Assert.That(LargeArrays.AdviseHugePages(new int[100]), Is.False, "no aligned 2 MiB page inside 400 bytes");
    }

    [Test]
    public void A_chunked_list_keeps_every_entry_across_huge_page_chunks_and_rolls_back()
    {
        const int Count = 9_500_000; // chunks up to 4 Mi entries: 1 Ki, 2 Ki, … 4 Mi, 4 Mi
        var list = new ChunkedList<ushort>();
        var block = new ushort[3001];
        for (int added = 0; added < Count;)
        {
            int n = Math.Min(block.Length, Count - added);
            for (int i = 0; i < n; i++)
            {
                block[i] = (ushort)((added + i) % 65521);
            }

            list.AddRange(block.AsSpan(0, n));
            added += n;
        }

        Assert.That(list.Count, Is.EqualTo(Count));
        var scratch = Array.Empty<ushort>();
        for (long start = 0; start < Count; start += 250_007)
        {
            int n = (int)Math.Min(5000, Count - start);
            var span = list.GetSpan(start, n, ref scratch);
            for (int i = 0; i < n; i += 13)
            {
                Assert.That(span[i], Is.EqualTo((ushort)((start + i) % 65521)), $"entry {start + i}");
            }
        }

        list.Truncate(4_200_000);
        list.AddRange([1, 2, 3]);
        Assert.That(list.Count, Is.EqualTo(4_200_003));
        Assert.That(list[4_199_999], Is.EqualTo((ushort)(4_199_999 % 65521)));
        Assert.That(list[4_200_000], Is.EqualTo((ushort)1));
        Assert.That(list[4_200_002], Is.EqualTo((ushort)3));
    }
}
