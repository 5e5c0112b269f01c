using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using NeuroKernel.Delivery;
using NeuroKernel.Kernel;
using NeuroKernel.Models;
using NeuroKernel.Synapses;

namespace NeuroKernel;

public sealed partial class Simulator
{
    private NodeBlock[] _sendingBlocks = [];
    private NodeBlock?[] _recorderOf = [];
    private int _sliceSteps = 1;

    /// <summary>
    /// Advances the network by <paramref name="timeMs"/> (NEST's <c>Simulate</c>). A second call continues
    /// exactly where the first stopped: <c>Simulate(a); Simulate(b)</c> gives the same result as
    /// <c>Simulate(a + b)</c>. Recorders hold, and their files contain, every event up to the new time
    /// when the call returns.
    /// </summary>
    /// <param name="timeMs">Time to simulate (ms): non-negative and a multiple of the resolution.</param>
    /// <exception cref="BadParameterException">The time is negative, not finite or not a multiple of the resolution.</exception>
    /// <exception cref="KernelStateErrorException">An earlier Simulate failed inside the loop; call ResetKernel.</exception>
    /// <exception cref="IOErrorException">A recorder's file exists and overwrite_files is false, or cannot be written.</exception>
    /// <exception cref="BadPropertyException">A device parameter does not fit the resolution.</exception>
    public void Simulate(double timeMs)
    {
        if (!double.IsFinite(timeMs) || timeMs < 0.0)
        {
            throw new BadParameterException($"The simulation time must be a finite, non-negative number of ms (t = {TimeGrid.Format(timeMs)}).");
        }

        if (!Grid.IsOnGrid(timeMs, out long steps))
        {
            throw new BadParameterException(
                $"The simulation time must be a multiple of the resolution (t = {TimeGrid.Format(timeMs)} ms, resolution = {TimeGrid.Format(_settings.Resolution)} ms).");
        }

        if (_needsReset)
        {
            throw new KernelStateErrorException("An earlier Simulate call failed inside the update loop; the kernel state is undefined. Call ResetKernel.");
        }

        Prepare();
        if (steps == 0)
        {
            return;
        }

        long end = _step + steps;
        var progress = _settings.PrintTime ? new Progress(_step, end, _settings.Resolution) : null;
        try
        {
            while (_step < end)
            {
                long sliceEnd = Math.Min(end, (_step / _sliceSteps + 1) * _sliceSteps);
                var slice = new SliceContext(_step, (int)(sliceEnd - _step), _rings, _store);
                foreach (var b in _blocks)
                {
                    b.Update(in slice);
                }

                Deliver(in slice);
                _step = sliceEnd;
                progress?.Report(_step);
            }
        }
        catch (Exception ex) when (ex is not NeuroKernelException)
        {
            _needsReset = true;
            throw new KernelStateErrorException($"Simulate failed at t = {TimeGrid.Format(Grid.ToMs(_step))} ms: {ex.Message} Call ResetKernel.", ex);
        }
        finally
        {
            foreach (var b in _blocks)
            {
                b.Finish();
            }

            if (progress is not null)
            {
                Progress.Done();
            }
        }
    }

    /// <summary>
    /// Prepares a run (NEST's <c>Prepare</c>): finalizes the connections made since the last run into the
    /// source-sorted store, sizes the ring buffers from min/max delay and lets each block compute its
    /// propagators. Does nothing when nothing changed.
    /// </summary>
    private void Prepare()
    {
        if (_prepared)
        {
            return;
        }

        bool newConnections = _pendingGroups.Count > 0 || _pendingTaps.Count > 0 || _store.NumNodes != _numNodes;
        var store = _store;
        if (newConnections)
        {
            store = ConnectionStore.Build(_store, _pendingGroups.Values, _pendingTaps, _numNodes, _storeVersion + 1);
        }

        var (minDelay, maxDelay) = store.MaxDelaySteps > 0 ? (store.MinDelaySteps, store.MaxDelaySteps) : (1, 1);
        int slots = minDelay + maxDelay;
        var rings = _rings;
        if (rings.Slots != slots || rings.Receivers != _numReceivers)
        {
            rings = _rings.Resize(slots, _numReceivers, _step, _rings.Slots);
        }

        var context = new PrepareContext
        {
            Grid = Grid,
            SliceSteps = minDelay,
            Seed = (ulong)_settings.RngSeed,
            Settings = _settings,
            Connections = store,
            Step = _step,
            ClaimedFiles = _claimedFiles,
        };
        foreach (var b in _blocks)
        {
            b.Prepare(context);
        }

        // Commit only after every block accepted the run.
        if (newConnections)
        {
            _store = store;
            _storeVersion++;
            _pendingGroups.Clear();
            _pendingTaps.Clear();
        }

        _rings = rings;
        _sliceSteps = minDelay;
        _sendingBlocks = _blocks.Where(b => b.Model.SendsSpikes).ToArray();
        _recorderOf = new NodeBlock?[_numNodes + 1];
        foreach (var b in _blocks.Where(b => b.Model.RecordsSpikes))
        {
            for (int i = 0; i < b.Count; i++)
            {
                _recorderOf[b.FirstId + i] = b;
            }
        }

        _prepared = true;
    }

    /// <summary>
    /// Delivers the slice's spikes in canonical order — by lag, then by sender id, then by synapse group —
    /// so every target adds its inputs in the same order however the work is split.
    /// </summary>
    private void Deliver(in SliceContext slice)
    {
        var groups = _store.Groups;
        for (int lag = 0; lag < slice.Steps; lag++)
        {
            long stamp = slice.Step0 + lag + 1;
            foreach (var b in _sendingBlocks)
            {
                if (b.Model.SendsPerTargetSpikes)
                {
                    b.DeliverPerTarget(in slice, lag);
                    continue;
                }

                var spikes = b.Spikes;
                if (spikes is null)
                {
                    continue;
                }

                int from = spikes.LagStart[lag], to = spikes.LagStart[lag + 1];
                var local = spikes.Local;
                var multiplicity = spikes.Multiplicity;
                for (int k = from; k < to; k++)
                {
                    int source = b.FirstId - 1 + local[k];
                    foreach (var g in groups)
                    {
                        DeliverRow(g, source, multiplicity[k], stamp);
                    }

                    RecordTaps(source, stamp, multiplicity[k]);
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void DeliverRow(ConnectionGroup g, int source, int multiplicity, long stamp)
    {
        int begin = g.RowStart[source], end = g.RowStart[source + 1];
        if (begin == end)
        {
            return;
        }

        // Arrives in the step that ends delay after the stamp: step index stamp + delay − 1.
        int slotBase = _rings.SlotBase(stamp + g.DelaySteps - 1);
        double w = g.Weight * multiplicity;
        double[] buffer = g.Excitatory ? _rings.Excitatory : _rings.Inhibitory;
        Debug.Assert(slotBase + _rings.Receivers <= buffer.Length, "Ring buffer slot out of range.");
        ref double slot = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(buffer), slotBase);
        ref int target = ref MemoryMarshal.GetArrayDataReference(g.Targets);
        for (int j = begin; j < end; j++)
        {
            Unsafe.Add(ref slot, Unsafe.Add(ref target, j)) += w;
        }
    }

    private void RecordTaps(int source, long stamp, int multiplicity)
    {
        int begin = _store.TapStart[source], end = _store.TapStart[source + 1];
        for (int j = begin; j < end; j++)
        {
            int recorder = _store.TapRecorder[j];
            var b = _recorderOf[recorder]!;
            b.RecordSpike(recorder - b.FirstId, source + 1, stamp, multiplicity);
        }
    }

    /// <summary>NEST's <c>print_time</c> progress line, rewritten in place at most every 1 % of the run.</summary>
    private sealed class Progress(long start, long end, double resolution)
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private int _lastPercent = -1;

        public void Report(long step)
        {
            int percent = (int)(100 * (step - start) / Math.Max(1, end - start));
            if (percent == _lastPercent)
            {
                return;
            }

            _lastPercent = percent;
            double modelMs = (step - start) * resolution;
            double factor = _clock.Elapsed.TotalMilliseconds > 0 ? modelMs / _clock.Elapsed.TotalMilliseconds : 0.0;
            Console.Out.Write(string.Create(CultureInfo.InvariantCulture,
                $"\r[ {percent,3}% ] Model time: {step * resolution:F1} ms, Real-time factor: {factor:F4}"));
        }

        public static void Done() => Console.Out.WriteLine();
    }
}
