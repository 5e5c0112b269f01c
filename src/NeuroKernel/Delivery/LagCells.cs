using System.Runtime.CompilerServices;

namespace NeuroKernel.Delivery;

/// <summary>
/// The ring cells one step of a range of receivers reads: the spike channels (one shared, or excitatory and inhibitory),
/// and the two current channels where the network has current generators (empty otherwise).
/// </summary>
internal readonly ref struct LagCells
{
    /// <summary>The cells of receivers <paramref name="first"/> … <paramref name="first"/> + <paramref name="count"/> − 1 for <paramref name="step"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public LagCells(RingBuffers rings, long step, int first, int count)
    {
        int at = rings.SlotBase(step) + first;
        Excitatory = rings.Excitatory.AsSpan(at, count);
        Inhibitory = rings.SharedSpikeChannels ? default : rings.Inhibitory.AsSpan(at, count);
        Current = rings.HasCurrents ? rings.Current.AsSpan(at, count) : default;
        Filtered = rings.HasCurrents ? rings.FilteredCurrent.AsSpan(at, count) : default;
    }

    /// <summary>Excitatory spike input, or all spike input when the channels are shared.</summary>
    public Span<double> Excitatory { get; }

    /// <summary>Inhibitory spike input; empty when the channels are shared.</summary>
    public Span<double> Inhibitory { get; }

    /// <summary>Current input (pA) for the step; empty without current generators.</summary>
    public Span<double> Current { get; }

    /// <summary>Current input through the synaptic filter; empty without current generators.</summary>
    public Span<double> Filtered { get; }

    /// <summary>Clears cells [<paramref name="from"/>, <paramref name="to"/>) of every channel there is: the step has consumed them, and they are written next for step + Slots.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Clear(int from, int to)
    {
        Excitatory[from..to].Clear();
        if (!Inhibitory.IsEmpty)
        {
            Inhibitory[from..to].Clear();
        }

        if (!Current.IsEmpty)
        {
            Current[from..to].Clear();
            Filtered[from..to].Clear();
        }
    }
}
