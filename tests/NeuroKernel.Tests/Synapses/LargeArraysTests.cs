using NeuroKernel.Synapses;

namespace NeuroKernel.Tests.Synapses;

/// <summary>
/// Large arrays in huge pages: segments on a 2 MiB boundary (the advice accepted by Linux) with the right length and
/// contents that read back, small ones zeroed as usual, chunked lists that cross several huge-page chunks without losing
/// an entry, and ring buffers whose channels share one origin.
/// </summary>
[TestFixture]
public class LargeArraysTests
{
    [Test]
    public void A_chunked_list_keeps_every_entry_across_huge_page_chunks_and_rolls_back()
    {
        const int Count = 9_500_000; // chunks up to 4 Mi entries: 1 Ki, 2 Ki, … 4 Mi, 4 Mi (from 512 Ki on in huge pages)
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

    [Test]
    public void Small_aligned_segments_are_ordinary_zeroed_arrays()
    {
        var small = LargeArrays.AllocateAligned<double>(1000, extra: LargeArrays.HugePageDoubles);
        Assert.Multiple(() =>
        {
            Assert.That(small.Offset, Is.Zero);
            Assert.That(small.Count, Is.EqualTo(1000));
            Assert.That(small.Array, Has.Length.EqualTo(1000), "no slack for a segment that gets no huge page");
            Assert.That(small.AsSpan().ToArray(), Is.All.Zero);
        });
    }

    /// <summary>
    /// A large segment starts on a 2 MiB boundary where Linux takes the advice, has the requested length, keeps what is
    /// written, and leaves room for <c>extra</c> entries after it, so that two segments can share the larger offset.
    /// </summary>
    [Test]
    public void Large_segments_start_on_a_huge_page_and_leave_room_for_the_extra_entries()
    {
        const int Length = 700_000; // 5.6 MB of double
        int extra = LargeArrays.HugePageDoubles;
        var segment = LargeArrays.AllocateAligned<double>(Length, extra);
        Assert.That(segment.Count, Is.EqualTo(Length));
        Assert.That(segment.Array!.Length, Is.GreaterThanOrEqualTo(segment.Offset + Length + (segment.Offset == 0 ? 0 : extra)));
        if (OperatingSystem.IsLinux() && Directory.Exists("/sys/kernel/mm/transparent_hugepage"))
        {
            var handle = System.Runtime.InteropServices.GCHandle.Alloc(segment.Array, System.Runtime.InteropServices.GCHandleType.Pinned);
            try
            {
                nint address = handle.AddrOfPinnedObject() + segment.Offset * sizeof(double);
                Assert.That((long)address % (2 << 20), Is.Zero, "the segment starts on a 2 MiB boundary");
            }
            finally
            {
                handle.Free();
            }
        }

        var span = segment.AsSpan();
        for (int i = 0; i < Length; i++)
        {
            span[i] = i * 0.5;
        }

        for (int i = 0; i < Length; i += 991)
        {
            Assert.That(segment[i], Is.EqualTo(i * 0.5));
        }
    }

    /// <summary>
    /// The ring buffers of a large network start every channel at the same origin (the larger of the two arrays' huge-page
    /// offsets): each slot lies inside every array, starts zeroed, and keeps what a step adds until the slot is read.
    /// </summary>
    [TestCase(false)]
    [TestCase(true)]
    public void Ring_buffers_share_one_origin_and_every_slot_fits_every_channel(bool shared)
    {
        const int Slots = 15, Receivers = 12_500; // 1.5 MB per channel: aligned into huge pages
        var rings = new NeuroKernel.Delivery.RingBuffers(Slots, Receivers, shared);
        int end = rings.SlotBase(Slots - 1) + Receivers;
        Assert.Multiple(() =>
        {
            Assert.That(rings.SlotBase(0), Is.EqualTo(rings.Origin));
            Assert.That(rings.SlotBase(Slots), Is.EqualTo(rings.Origin), "step Slots reuses slot 0");
            foreach (var channel in new[] { rings.Excitatory, rings.Inhibitory, rings.Current, rings.FilteredCurrent })
            {
                Assert.That(channel, Has.Length.GreaterThanOrEqualTo(end));
                Assert.That(channel.AsSpan(rings.Origin, Slots * Receivers).ToArray(), Is.All.Zero);
            }
        });
        Assert.That(rings.Inhibitory, shared ? Is.SameAs(rings.Excitatory) : Is.Not.SameAs(rings.Excitatory));

        rings.Excitatory[rings.SlotBase(7) + 123] += 2.5;
        var resized = rings.Resize(Slots + 3, Receivers, 7, Slots, shared);
        Assert.That(resized.Excitatory[resized.SlotBase(7) + 123], Is.EqualTo(2.5), "pending input survives a new geometry");
    }
}
