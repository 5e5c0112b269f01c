using NeuroKernel.Connectivity;
using NeuroKernel.Synapses;

namespace NeuroKernel.Kernel;

/// <summary>
/// The weights and delays of a Connect call that are drawn again when the store is built instead of being kept until
/// then (12 bytes less per pending connection): each run of the call (one target's sources) has a seed, and its weights
/// and delays are drawn from two streams derived from that seed, the same values every time and on any thread.
/// </summary>
/// <remarks>
/// Only static synapse types qualify, with weights that are a number or a distribution whose draws cannot fail
/// (<see cref="ValueSpec.DrawsSafely"/>) and delays that are a number or a distribution: the delays are drawn at Connect
/// too (for NEST's delay checks, the delay extrema and the memory check), and drawn again identically later.
/// </remarks>
internal sealed class LazyValues(ValueSpec weight, ValueSpec delay, TimeGrid grid, int keyDelaySteps)
{
    private const ulong WeightStream = 1, DelayStream = 2;

    /// <summary>Whether a call with these values qualifies.</summary>
    public static bool Qualifies(ValueSpec weight, ValueSpec delay, bool plastic) =>
        !plastic && !weight.IsArray && !delay.IsArray && !(weight.IsScalar && delay.IsScalar) && (weight.IsScalar || weight.DrawsSafely);

    /// <summary>The weights of the run seeded <paramref name="seed"/> (the number for all where the call gave one).</summary>
    public void Weights(ulong seed, Span<double> into, DrawScratch scratch)
    {
        if (weight.IsScalar)
        {
            into.Fill(weight.Scalar);
            return;
        }

        weight.DrawMany(scratch.Stream(Random.SplitMix64.Derive(seed, WeightStream)), into, scratch);
    }

    /// <summary>The delays (steps) of the run seeded <paramref name="seed"/>, checked as NEST checks a delay.</summary>
    public void Delays(ulong seed, Span<int> into, DrawScratch scratch)
    {
        if (delay.IsScalar)
        {
            into.Fill(keyDelaySteps);
            return;
        }

        var ms = scratch.Doubles(into.Length);
        delay.DrawMany(scratch.Stream(Random.SplitMix64.Derive(seed, DelayStream)), ms, scratch);
        for (int k = 0; k < into.Length; k++)
        {
            into[k] = SynapseRegistry.CheckDelay(grid, ms[k]);
        }
    }
}
