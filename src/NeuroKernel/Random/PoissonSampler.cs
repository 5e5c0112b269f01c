using System.Runtime.CompilerServices;

namespace NeuroKernel.Random;

/// <summary>
/// Draws Poisson counts of a fixed mean from a SplitMix64 stream. For means up to
/// <see cref="TableLimit"/> it inverts a precomputed cumulative table (one uniform per draw, a few
/// comparisons at the means of network input); above, it uses MathNet's sampler through an adapter.
/// </summary>
internal sealed class PoissonSampler
{
    /// <summary>Largest mean served by table inversion; the table then has about 100 entries.</summary>
    public const double TableLimit = 40.0;

    private readonly double[] _cdf;
    private readonly StreamRandom? _adapter;

    public PoissonSampler(double mean)
    {
        Mean = mean;
        if (mean <= TableLimit)
        {
            _cdf = BuildTable(mean);
        }
        else
        {
            _cdf = [];
            _adapter = new StreamRandom();
        }
    }

    public double Mean { get; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Sample(ref ulong state)
    {
        if (_adapter is not null)
        {
            return SampleLarge(ref state);
        }

        double u = SplitMix64.NextDouble(ref state);
        double[] cdf = _cdf;
        int k = 0;
        while (k < cdf.Length - 1 && u >= cdf[k])
        {
            k++;
        }

        return k;
    }

    private int SampleLarge(ref ulong state)
    {
        _adapter!.State = state;
        int n = MathNet.Numerics.Distributions.Poisson.Sample(_adapter, Mean);
        state = _adapter.State;
        return n;
    }

    /// <summary>cdf[k] = P(N ≤ k), up to where the tail is below double resolution.</summary>
    private static double[] BuildTable(double mean)
    {
        var cdf = new List<double>();
        if (mean <= 0.0)
        {
            return [1.0];
        }

        double p = Math.Exp(-mean), sum = p;
        cdf.Add(sum);
        for (int k = 1; sum < 1.0 - 1e-17 && k < 10_000; k++)
        {
            p *= mean / k;
            sum += p;
            cdf.Add(sum);
            if (p < 1e-20 && k > mean)
            {
                break;
            }
        }

        cdf[^1] = 1.0;
        return [.. cdf];
    }

    /// <summary>A System.Random whose bits come from a SplitMix64 state the caller sets and reads back.</summary>
    private sealed class StreamRandom : System.Random
    {
        public ulong State;

        protected override double Sample() => SplitMix64.NextDouble(ref State);

        public override double NextDouble() => SplitMix64.NextDouble(ref State);

        public override int Next() => (int)(SplitMix64.Next(ref State) >> 33);

        public override int Next(int maxValue) => (int)(NextDouble() * maxValue);

        public override int Next(int minValue, int maxValue) => minValue + (int)(NextDouble() * ((long)maxValue - minValue));

        public override void NextBytes(byte[] buffer)
        {
            for (int i = 0; i < buffer.Length; i++)
            {
                buffer[i] = (byte)SplitMix64.Next(ref State);
            }
        }
    }
}
