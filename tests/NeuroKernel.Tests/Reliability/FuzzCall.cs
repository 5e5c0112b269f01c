namespace NeuroKernel.Tests.Reliability;

/// <summary>
/// One API call of a fuzzed sequence: a description for failure messages, the call itself (replayable on any
/// kernel), and what the fuzzer learns when it succeeds (a new population, a new model name).
/// </summary>
internal sealed record FuzzCall(string Description, Action<Simulator> Run, Action? OnSuccess = null)
{
    public override string ToString() => Description;
}
