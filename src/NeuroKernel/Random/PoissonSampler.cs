using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NeuroKernel.Random;

/// <summary>
/// Draws Poisson counts of a fixed mean from SplitMix64 streams. For means up to <see cref="TableLimit"/>
/// it inverts a precomputed cumulative table with one 64-bit draw per count: the count is the number of
/// thresholds <c>T_k = P(N ≤ k)·2⁶⁴</c> at or below the draw. Eight streams are drawn at once with
/// <c>Vector512</c>; the scalar path computes exactly the same integers, so results do not depend on the
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
    private readonly SeededRandom? _adapter;

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
            _adapter = SeededRandom.FromState();
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
    /// <paramref name="slot"/>[<paramref name="targets"/>[j]] (the targets of one receiver partition). When
    /// <paramref name="contiguous"/> is true the targets are <c>targets[0] + j</c> and the adds are vector adds.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AddDraws(Span<ulong> streams, ReadOnlySpan<ushort> targets, Span<double> slot, double weight, bool contiguous = false)
    {
        int i = 0;
        ref double slot0 = ref MemoryMarshal.GetReference(slot);
        // Vector512 runs as two Vector256 halves where AVX-512 is missing: still faster than scalar draws.
        if (_adapter is null && _unrolled > 0 && Vector256.IsHardwareAccelerated)
        {
            i = AddDrawsVectorized(streams, targets, ref slot0, weight, contiguous);
        }

        for (; i < streams.Length; i++)
        {
            int n = Sample(ref streams[i]);
            Unsafe.Add(ref slot0, targets[i]) += weight * n;
        }
    }

    /// <summary>
    /// Eight streams at a time: SplitMix64 on eight lanes, then the count as the number of thresholds at or
    /// below the draw. The first <see cref="_unrolled"/> comparisons run without branches (a lane goes beyond
    /// them with probability &lt; 1e-3); only then does a loop finish the count. Returns the first index not handled.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int AddDrawsVectorized(Span<ulong> streams, ReadOnlySpan<ushort> targets, ref double slot0, double weight, bool contiguous)
    {
        const int W = 8;
        ref ulong state0 = ref MemoryMarshal.GetReference(streams);
        ref ushort target0 = ref MemoryMarshal.GetReference(targets);
        ref ulong threshold0 = ref MemoryMarshal.GetArrayDataReference(_thresholds);
        ref double contiguous0 = ref contiguous && targets.Length > 0 ? ref Unsafe.Add(ref slot0, targets[0]) : ref slot0;
        var gamma = Vector512.Create(Gamma);
        var mix1 = Vector512.Create(Mix1);
        var mix2 = Vector512.Create(Mix2);
        var weights = Vector512.Create(weight);
        var lastUnrolled = Vector512.Create(Unsafe.Add(ref threshold0, _unrolled - 1));
        int i = 0;
        for (; i <= streams.Length - W; i += W)
        {
            var state = Vector512.LoadUnsafe(ref state0, (nuint)i) + gamma;
            state.StoreUnsafe(ref state0, (nuint)i);
            var z = (state ^ Vector512.ShiftRightLogical(state, 30)) * mix1;
            z = (z ^ Vector512.ShiftRightLogical(z, 27)) * mix2;
            z ^= Vector512.ShiftRightLogical(z, 31);

            var count = Vector512<ulong>.Zero;
            for (int k = 0; k < _unrolled; k++)
            {
                count -= Vector512.GreaterThanOrEqual(z, Vector512.Create(Unsafe.Add(ref threshold0, k)));
            }

            if (Vector512.GreaterThanOrEqualAny(z, lastUnrolled))
            {
                for (int k = _unrolled; k < _last; k++)
                {
                    var ge = Vector512.GreaterThanOrEqual(z, Vector512.Create(Unsafe.Add(ref threshold0, k)));
                    if (ge == Vector512<ulong>.Zero)
                    {
                        break;
                    }

                    count -= ge;
                }
            }

            var add = weights * Vector512.ConvertToDouble(count.AsInt64());
            if (contiguous)
            {
                (Vector512.LoadUnsafe(ref contiguous0, (nuint)i) + add).StoreUnsafe(ref contiguous0, (nuint)i);
            }
            else
            {
                for (int lane = 0; lane < W; lane++)
                {
                    Unsafe.Add(ref slot0, Unsafe.Add(ref target0, i + lane)) += add.GetElement(lane);
                }
            }
        }

        return i;
    }

    /// <summary>True when <paramref name="targets"/> are consecutive indices <c>targets[0] + j</c>.</summary>
    public static bool AreContiguous(ReadOnlySpan<ushort> targets)
    {
        for (int j = 1; j < targets.Length; j++)
        {
            if (targets[j] != targets[0] + j)
            {
                return false;
            }
        }

        return true;
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
