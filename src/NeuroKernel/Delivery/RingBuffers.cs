using System.Numerics.Tensors;
using NeuroKernel.Synapses;

namespace NeuroKernel.Delivery;

/// <summary>
/// The kernel's input ring buffers, laid out <c>[slot][receiver]</c> so that one step of a population
/// reads one contiguous span (NEST's <c>RingBuffer</c>, one per receptor channel, merged over all neurons).
/// Step <c>k</c> lives in slot <c>k mod Slots</c>, at <see cref="SlotBase"/> in every channel's array (from
/// <see cref="Origin"/> on: the spike channels start on a huge page). A neuron block reads its span of the current slot
/// and clears it (Brian2's <c>advance</c>), so the slot is ready for step <c>k + Slots</c>.
/// </summary>
/// <remarks>
/// Channels: <see cref="Excitatory"/> and <see cref="Inhibitory"/> hold summed spike weights (pA, or mV for
/// voltage-jump models) split by the sign of the weight, as NEST's <c>iaf_psc_*</c> do; <see cref="Current"/>
/// holds currents from current generators. Values accumulate in double precision, as in NEST.
/// When no neuron reads the two spike channels apart (<see cref="SharedSpikeChannels"/>, e.g. a network of
/// iaf_psc_delta neurons), <see cref="Inhibitory"/> is the same array as <see cref="Excitatory"/>: a delivery then
/// writes into, and an update reads and clears, half as much memory.
/// </remarks>
internal sealed class RingBuffers
{
    public RingBuffers(int slots, int receivers, bool sharedSpikeChannels = false, int ports = 0)
    {
        Slots = Math.Max(slots, 1);
        Receivers = receivers;
        SharedSpikeChannels = sharedSpikeChannels;
        int size = checked(Slots * receivers);
        // The spike channels start on a 2 MiB boundary in huge pages (a first touch of a 4 KiB page costs ~18 µs on the
        // VM this was measured on, and the first slice touches every cell). The two arrays' boundaries lie at different
        // offsets, so both use the larger one; the arrays are zeroed from there.
        var ex = LargeArrays.AllocateAligned<double>(size, LargeArrays.HugePageDoubles);
        var inh = sharedSpikeChannels ? ex : LargeArrays.AllocateAligned<double>(size, LargeArrays.HugePageDoubles);
        Origin = Math.Max(ex.Offset, inh.Offset);
        Excitatory = ex.Array!;
        Inhibitory = inh.Array!;
        Excitatory.AsSpan(Origin, size).Clear();
        if (!sharedSpikeChannels)
        {
            Inhibitory.AsSpan(Origin, size).Clear();
        }
        // Read only with current generators: ordinary zeroed arrays, untouched until then.
        Current = new double[Origin + size];
        FilteredCurrent = new double[Origin + size];
        _ports = new double[ports][];
        for (int k = 0; k < ports; k++)
        {
            // Like the current channels: untouched, and without physical memory, except the cells of multisynapse neurons.
            _ports[k] = new double[Origin + size];
        }
    }

    private readonly double[][] _ports;

    /// <summary>How many numbered spike ports have a channel (the largest <c>receptor_type</c> of a port connection).</summary>
    public int PortCount => _ports.Length;

    /// <summary>
    /// The channel of spike port <paramref name="port"/> (1 … <see cref="PortCount"/>) of the multisynapse neurons, laid out as
    /// the others: the weights of the connections into that port, of either sign.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public double[] Port(int port) => _ports[port - 1];

    /// <summary>Index of step 0's slot in every channel's array (the cells before it are never used).</summary>
    public int Origin { get; }

    /// <summary>
    /// True when the excitatory and inhibitory channels are one array: each cell then sums the inputs of both signs
    /// in delivery order, as NEST's iaf_psc_delta does in its single spike buffer.
    /// </summary>
    public bool SharedSpikeChannels { get; }

    public int Slots { get; }

    public int Receivers { get; }

    public double[] Excitatory { get; }

    public double[] Inhibitory { get; }

    public double[] Current { get; }

    /// <summary>Currents for receptor 1 of iaf_psc_exp, filtered through the excitatory synapse.</summary>
    public double[] FilteredCurrent { get; }

    /// <summary>True when some node sends currents; otherwise <see cref="Current"/> stays zero and is not read.</summary>
    public bool HasCurrents { get; set; }

    /// <summary>Offset of step <paramref name="step"/>'s slot in the flat arrays.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public int SlotBase(long step) => Origin + (SlotIndex(step) * Receivers);

    /// <summary>The slot that holds the input of step <paramref name="step"/>.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public int SlotIndex(long step) => (int)(step % Slots);

    /// <summary>
    /// A buffer of a new geometry that keeps the pending input of steps <paramref name="step"/> …
    /// <paramref name="step"/> + <paramref name="pendingSteps"/> − 1 (the network changed between Simulate calls).
    /// Pending inhibitory input moves onto the excitatory channel when the new buffer shares them; shared input stays
    /// on the excitatory channel when it does not (only neurons that read the sum can hold any).
    /// </summary>
    public RingBuffers Resize(int slots, int receivers, long step, int pendingSteps, bool sharedSpikeChannels, int ports = 0)
    {
        var next = new RingBuffers(slots, receivers, sharedSpikeChannels, ports) { HasCurrents = HasCurrents };
        int copySteps = Math.Min(pendingSteps, Math.Min(Slots, next.Slots));
        int n = Math.Min(Receivers, receivers);
        for (long k = step; k < step + copySteps; k++)
        {
            int from = SlotBase(k), to = next.SlotBase(k);
            Array.Copy(Excitatory, from, next.Excitatory, to, n);
            if (!SharedSpikeChannels)
            {
                var pending = Inhibitory.AsSpan(from, n);
                var target = next.Inhibitory.AsSpan(to, n);
                TensorPrimitives.Add(target, pending, target);
            }

            Array.Copy(Current, from, next.Current, to, n);
            Array.Copy(FilteredCurrent, from, next.FilteredCurrent, to, n);
            for (int port = 1; port <= Math.Min(PortCount, next.PortCount); port++)
            {
                Array.Copy(Port(port), from, next.Port(port), to, n);
            }
        }

        return next;
    }
}
