using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NeuroKernel.Random;

/// <summary>
/// Draws Poisson counts of a fixed mean from SplitMix64 streams. For means up to <see cref="TableLimit"/>
/// it inverts a precomputed cumulative table with one 64-bit draw per count: the count is the number of
/// thresholds <c>T_k = P(N ≤ k)·2⁶⁴</c> at or below the draw. Four streams are drawn at once with
/// <c>Vector256</c>; the scalar path computes exactly the same integers, so results do not depend on the
/// hardware. Above the table limit MathNet's sampler is used through an adapter.
/// </summary>
internal sealed class PoissonSampler
{
    /// <summary>Largest mean served by table inversion; the table then has about 100 entries.</summary>
    public const double TableLimit = 40.0;

    private const ulong Gamma = 0x9E3779B97F4A7C15UL;
    private const ulong Mix1 = 0xBF58476D1CE4E5B9UL;
    private const ulong Mix2 = 0x94D049BB133111EBUL;

    private readonly ulong[] _thresholds;
    private readonly int _last;
    private readonly int _unrolled;
    private readonly StreamRandom? _adapter;

    public PoissonSampler(double mean)
    {
        Mean = mean;
        if (mean <= TableLimit)
        {
            _thresholds = BuildThresholds(mean);
            _last = _thresholds.Length - 1;
            // Smallest K with P(N ≥ K) < 1e-3, at least 1 and at most the table (the last threshold is 2⁶⁴ − 1).
            _unrolled = Math.Min(1, _last);
            while (_unrolled < _last && _thresholds[_unrolled - 1] < 0.999 * 18446744073709551616.0)
            {
                _unrolled++;
            }
        }
        else
        {
            _thresholds = [];
            _adapter = new StreamRandom();
        }
    }

    public double Mean { get; }

    /// <summary>One count from one stream.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Sample(ref ulong state)
    {
        if (_adapter is not null)
        {
            return SampleLarge(ref state);
        }

        ulong z = SplitMix64.Next(ref state);
        int k = 0;
        while (k < _last && z >= _thresholds[k])
        {
            k++;
        }

        return k;
    }

    /// <summary>
    /// For each j draws a count n_j from <paramref name="streams"/>[j] and adds <c>weight·n_j</c> to
    /// <paramref name="slot"/>[<paramref name="targets"/>[j]] (the targets of one receiver partition).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AddDraws(Span<ulong> streams, ReadOnlySpan<ushort> targets, Span<double> slot, double weight)
    {
        int i = 0;
        ref double slot0 = ref MemoryMarshal.GetReference(slot);
        if (_adapter is null && _unrolled > 0 && Vector256.IsHardwareAccelerated)
        {
            i = AddDrawsVectorized(streams, targets, ref slot0, weight);
        }

        for (; i < streams.Length; i++)
        {
            int n = Sample(ref streams[i]);
            Unsafe.Add(ref slot0, targets[i]) += weight * n;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int AddDrawsVectorized(Span<ulong> streams, ReadOnlySpan<ushort> targets, ref double slot0, double weight)
    {
        ref ulong state0 = ref MemoryMarshal.GetReference(streams);
        ref ushort target0 = ref MemoryMarshal.GetReference(targets);
        ulong[] thresholds = _thresholds;
        var gamma = Vector256.Create(Gamma);
        var mix1 = Vector256.Create(Mix1);
        var mix2 = Vector256.Create(Mix2);
        int i = 0;
        for (; i <= streams.Length - 4; i += 4)
        {
            // SplitMix64 on four lanes: state += γ; z = mix(state).
            var state = Vector256.LoadUnsafe(ref state0, (nuint)i) + gamma;
            state.StoreUnsafe(ref state0, (nuint)i);
            var z = (state ^ Vector256.ShiftRightLogical(state, 30)) * mix1;
            z = (z ^ Vector256.ShiftRightLogical(z, 27)) * mix2;
            z ^= Vector256.ShiftRightLogical(z, 31);

            // n = number of thresholds ≤ z. The first _unrolled comparisons run without branches (a lane goes
            // beyond them with probability < 1e-3); only then does a loop finish the count.
            var count = Vector256<ulong>.Zero;
            for (int k = 0; k < _unrolled; k++)
            {
                count -= Vector256.GreaterThanOrEqual(z, Vector256.Create(thresholds[k]));
            }

            if (Vector256.GreaterThanOrEqual(z, Vector256.Create(thresholds[_unrolled - 1])) != Vector256<ulong>.Zero)
            {
                for (int k = _unrolled; k < _last; k++)
                {
                    var ge = Vector256.GreaterThanOrEqual(z, Vector256.Create(thresholds[k]));
                    if (ge == Vector256<ulong>.Zero)
                    {
                        break;
                    }

                    count -= ge;
                }
            }

            Unsafe.Add(ref slot0, Unsafe.Add(ref target0, i)) += weight * (long)count.GetElement(0);
            Unsafe.Add(ref slot0, Unsafe.Add(ref target0, i + 1)) += weight * (long)count.GetElement(1);
            Unsafe.Add(ref slot0, Unsafe.Add(ref target0, i + 2)) += weight * (long)count.GetElement(2);
            Unsafe.Add(ref slot0, Unsafe.Add(ref target0, i + 3)) += weight * (long)count.GetElement(3);
        }

        return i;
    }

    private int SampleLarge(ref ulong state)
    {
        _adapter!.State = state;
        int n = MathNet.Numerics.Distributions.Poisson.Sample(_adapter, Mean);
        state = _adapter.State;
        return n;
    }

    /// <summary>T_k = P(N ≤ k)·2⁶⁴ as integers, up to where the tail is below 2⁻⁶⁴; the last is 2⁶⁴ − 1.</summary>
    private static ulong[] BuildThresholds(double mean)
    {
        const double TwoTo64 = 18446744073709551616.0;
        var thresholds = new List<ulong>();
        if (mean > 0.0)
        {
            double p = Math.Exp(-mean), sum = p;
            for (int k = 1; k < 10_000 && (1.0 - sum) * TwoTo64 >= 1.0 && !(p < 1e-25 && k > mean); k++)
            {
                thresholds.Add(sum * TwoTo64 >= TwoTo64 ? ulong.MaxValue : (ulong)(sum * TwoTo64));
                p *= mean / k;
                sum += p;
            }
        }

        thresholds.Add(ulong.MaxValue);
        return [.. thresholds];
    }
}
