using NeuroKernel.Random;

namespace NeuroKernel.Kernel;

/// <summary>
/// The kernel's random streams (NEST's <c>RandomManager</c>). Every stream is keyed by <c>rng_seed</c> and by what it is
/// for — a Connect call, a generator's target — never by a thread, so the network and its dynamics are the same for
/// any number of threads.
/// </summary>
internal sealed class RandomManager(KernelManager kernel)
{
    /// <summary>Keys of the two streams of a Connect call: the rule's choices and the drawn weights and delays.</summary>
    private const ulong RuleStreamKey = 0xC0AAEC7, ValueStreamKey = 0xA1E5;

    /// <summary>Connect calls that drew (random rules) or took per-connection values: part of their streams' key.</summary>
    private long _connectCalls;

    public ulong Seed => (ulong)kernel.Settings.RngSeed;

    public void Initialize() => _connectCalls = 0;

    /// <summary>The stream the rule of the next such Connect call draws from.</summary>
    public SeededRandom RuleStream() => SeededRandom.FromState(SplitMix64.Derive(Seed, RuleStreamKey, (ulong)_connectCalls));

    /// <summary>The stream the next such Connect call draws weights and delays from.</summary>
    public SeededRandom ValueStream() => SeededRandom.FromState(SplitMix64.Derive(Seed, ValueStreamKey, (ulong)_connectCalls));

    /// <summary>Called when such a Connect call succeeded: the next one gets new streams.</summary>
    public void ConnectCallSucceeded() => _connectCalls++;

    /// <summary>
    /// The seed of the stream a per-target generator draws from for one of its connections: keyed by the generator's id,
    /// the target's receiver index and the connection's ordinal among those of the same generator to the same target.
    /// </summary>
    public static ulong PerTargetStream(ulong seed, int generatorId, int receiver, int ordinal) =>
        SplitMix64.Derive(seed, (ulong)generatorId, (ulong)receiver, (ulong)ordinal);
}
