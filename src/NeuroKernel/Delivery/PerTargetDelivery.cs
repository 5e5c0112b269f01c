using System.Runtime.CompilerServices;
using NeuroKernel.Kernel;
using NeuroKernel.Random;

namespace NeuroKernel.Delivery;

/// <summary>
/// Delivers the events of a per-target device (<see cref="IPerTargetSender"/>) of one lag into the buffers of the
/// receiver partitions [p0, p1): for each of its runs, each connection's event, at the connection's delay, in the
/// channel the weight's sign selects. Where the device declares a fused sampler (Poisson onto a uniform group), a run's
/// counts are drawn and added in one vectorized pass.
/// </summary>
internal static class PerTargetDelivery
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Deliver(IPerTargetSender sender, in SliceContext slice, int lag, int p0, int p1)
    {
        long stamp = slice.Step0 + lag + 1;
        var rings = slice.Rings;
        // The connections as the calling thread currently sees them split: the same targets and streams, its own cuts.
        var connections = slice.Connections;
        var parts = connections.Partitions;
        var runs = sender.Runs;
        var streams = sender.Streams;
        ulong noStream = 0;
        for (int k = 0; k < runs.Length; k++)
        {
            var run = runs[k];
            if (!sender.Sends(run.Local, stamp))
            {
                continue;
            }

            var g = connections.Groups[run.Group];
            // Arrives in the step that ends delay after the stamp: step index stamp + delay − 1.
            int slotBase = rings.SlotBase(stamp + g.DelaySteps - 1);
            var fused = g.IsUniform ? sender.FusedSampler(run.Local) : null;
            for (int p = p0; p < p1; p++)
            {
                int begin = g.Index[run.Row + p], end = g.Index[run.Row + p + 1];
                if (begin == end)
                {
                    continue;
                }

                int start = parts.Base(p);
                if (fused is not null)
                {
                    fused.AddDraws(
                        streams.Slice((int)(run.StreamOffset + (begin - run.RowBase)), end - begin),
                        g.Targets.Slice(begin, end - begin),
                        g.Buffer(rings).AsSpan(slotBase + start, parts.End(p) - start),
                        g.DeliveredWeight,
                        run.StrictlyAscending && PoissonSampler.SpansConsecutively(g.Targets[begin], g.Targets[end - 1], end - begin));
                    continue;
                }

                if (streams.IsEmpty && g.IsUniform)
                {
                    // Without streams the event is the same over every connection (dc_generator), and a uniform group's
                    // connections share weight, channel and slot: one value added to each target.
                    var (m, f) = sender.EventOf(run.Local, slice.Buffer, lag, ref noStream, int.MinValue);
                    double value = g.EventValue(g.Key.Weight, m, f);
                    var cells = g.Buffer(rings).AsSpan(slotBase + start);
                    foreach (ushort target in g.Targets.Slice(begin, end - begin))
                    {
                        cells[target] += value;
                    }

                    continue;
                }

                // One connection at a time: each its own event, weight, channel and slot.
                for (int j = begin; j < end; j++)
                {
                    int connection = streams.IsEmpty ? int.MinValue : (int)(run.StreamOffset + (j - run.RowBase));
                    ref ulong stream = ref streams.IsEmpty ? ref noStream : ref streams[connection];
                    var (multiplicity, factor) = sender.EventOf(run.Local, slice.Buffer, lag, ref stream, connection);
                    double weight = g.WeightAt(j);
                    g.AddEvent(rings, stamp + g.DelayAt(j) - 1, start + g.Targets[j], weight, multiplicity, factor);
                }
            }
        }
    }
}
