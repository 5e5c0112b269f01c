namespace NeuroKernel.Random;

/// <summary>
/// A <see cref="System.Random"/> whose bits come from one SplitMix64 stream, so MathNet's samplers can draw
/// from the kernel's keyed streams. The state can be set and read back, so one adapter serves many streams
/// without allocation.
/// </summary>
internal sealed class StreamRandom : System.Random
{
    public StreamRandom(ulong state = 0) => State = state;

    /// <summary>The SplitMix64 state.</summary>
    public ulong State;

    protected override double Sample() => SplitMix64.NextDouble(ref State);

    public override double NextDouble() => SplitMix64.NextDouble(ref State);

    public override int Next() => (int)(SplitMix64.Next(ref State) >> 33);

    public override int Next(int maxValue) => (int)NextInt((ulong)Math.Max(maxValue, 0));

    public override int Next(int minValue, int maxValue) => minValue + (int)NextInt((ulong)((long)maxValue - minValue));

    public override void NextBytes(byte[] buffer)
    {
        for (int i = 0; i < buffer.Length; i++)
        {
            buffer[i] = (byte)SplitMix64.Next(ref State);
        }
    }

    /// <summary>An unbiased integer in [0, n) (Lemire's multiply-and-reject).</summary>
    public ulong NextInt(ulong n)
    {
        if (n <= 1)
        {
            return 0;
        }

        ulong x = SplitMix64.Next(ref State);
        UInt128 m = (UInt128)x * n;
        ulong low = (ulong)m;
        if (low < n)
        {
            ulong threshold = (0 - n) % n;
            while (low < threshold)
            {
                x = SplitMix64.Next(ref State);
                m = (UInt128)x * n;
                low = (ulong)m;
            }
        }

        return (ulong)(m >> 64);
    }
}
