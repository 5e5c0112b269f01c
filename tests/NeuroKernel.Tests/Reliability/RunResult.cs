namespace NeuroKernel.Tests.Reliability;

/// <summary>Spikes, state and samples of a run, compared bit for bit.</summary>
internal sealed record RunResult(int[] Senders, double[] Times, double[] VM, double[] ISynEx, double[] MeterV, double[] MeterI)
{
    /// <summary>Asserts that this run equals <paramref name="expected"/> bit for bit; <paramref name="minSpikes"/>
    /// guards against comparing two silent networks.</summary>
    public void AssertIdenticalTo(RunResult expected, string context = "", int minSpikes = 50)
    {
        Assert.That(expected.Senders, Has.Length.GreaterThanOrEqualTo(minSpikes), $"{context}: the reference must fire for the comparison to mean anything");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Senders, Is.EqualTo(expected.Senders), $"{context}: spike senders");
            Assert.That(Bits(Times), Is.EqualTo(Bits(expected.Times)), $"{context}: spike times");
            Assert.That(Bits(VM), Is.EqualTo(Bits(expected.VM)), $"{context}: V_m");
            Assert.That(Bits(ISynEx), Is.EqualTo(Bits(expected.ISynEx)), $"{context}: I_syn_ex");
            Assert.That(Bits(MeterV), Is.EqualTo(Bits(expected.MeterV)), $"{context}: multimeter V_m");
            Assert.That(Bits(MeterI), Is.EqualTo(Bits(expected.MeterI)), $"{context}: multimeter I_syn_ex");
        }
    }

    public static long[] Bits(double[] values) => [.. values.Select(BitConverter.DoubleToInt64Bits)];
}
