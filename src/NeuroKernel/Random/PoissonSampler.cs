using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

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
    private readonly bool _large;

    // The adapter through which MathNet draws large means, one per thread: threads draw for different targets at the
    // same time (a shared one was a data race). Its whole state is the SplitMix64 word, set before each draw.
    [ThreadStatic]
    private static SeededRandom? t_adapter;

    // Guide table over the top 7 bits of a draw (null when the mean does not suit it): per bucket a byte
    // (count at the bucket's start) << 4 | (slot of the one threshold inside it, 15 for none), or SlowBucket;
    // the slots' thresholds in two vectors of eight.
    private readonly Vector512<byte>[]? _guideCodes;
    private readonly Vector512<ulong>[]? _guideThresholds;
    private const int GuideBits = 7;
    private const byte SlowBucket = 0xFF;

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

            if (Avx512Vbmi.IsSupported && Vector512.IsHardwareAccelerated)
            {
                (_guideCodes, _guideThresholds) = BuildGuide(_thresholds, _last);
            }
        }
        else
        {
            _thresholds = [];
            _large = true;
        }
    }

    public double Mean { get; }

    /// <summary>True when the vector path looks counts up in a guide table (AVX-512 VBMI and a mean that suits it).</summary>
    public bool IsGuided => _guideCodes is not null;

    /// <summary>One count from one stream.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Sample(ref ulong state)
    {
        if (_large)
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
        if (!_large && _unrolled > 0 && Vector256.IsHardwareAccelerated)
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
        bool guided = _guideCodes is not null;
        var codesLo = guided ? _guideCodes![0] : default;
        var codesHi = guided ? _guideCodes![1] : default;
        var thresholdsLo = guided ? _guideThresholds![0] : default;
        var thresholdsHi = guided ? _guideThresholds![1] : default;
        var byteMask = Vector512.Create(0xFFUL);
        var slotMask = Vector512.Create(0xFUL);
        var slow = Vector512.Create((ulong)SlowBucket);
        int i = 0;
        for (; i <= streams.Length - W; i += W)
        {
            var state = Vector512.LoadUnsafe(ref state0, (nuint)i) + gamma;
            state.StoreUnsafe(ref state0, (nuint)i);
            var z = (state ^ Vector512.ShiftRightLogical(state, 30)) * mix1;
            z = (z ^ Vector512.ShiftRightLogical(z, 27)) * mix2;
            z ^= Vector512.ShiftRightLogical(z, 31);

            Vector512<ulong> count;
            if (guided)
            {
                // The bucket's code; one byte permute looks up all eight lanes (their low bytes).
                var code = Avx512Vbmi.PermuteVar64x8x2(codesLo, Vector512.ShiftRightLogical(z, 64 - GuideBits).AsByte(), codesHi).AsUInt64() & byteMask;
                if (!Vector512.EqualsAny(code, slow))
                {
                    var inside = Avx512F.PermuteVar8x64x2(thresholdsLo, code & slotMask, thresholdsHi);
                    count = Vector512.ShiftRightLogical(code, 4) - Vector512.GreaterThanOrEqual(z, inside);
                }
                else
                {
                    count = CountByComparison(z, ref threshold0, lastUnrolled);
                }
            }
            else
            {
                count = CountByComparison(z, ref threshold0, lastUnrolled);
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

    /// <summary>The count for eight draws as the number of thresholds at or below each (see <see cref="Sample"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Vector512<ulong> CountByComparison(Vector512<ulong> z, ref ulong threshold0, Vector512<ulong> lastUnrolled)
    {
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

        return count;
    }

    /// <summary>
    /// The guide table (an indexed search, Chen and Asau 1974) over the top <see cref="GuideBits"/> bits of a draw,
    /// or nulls when the mean does not suit it. A bucket without a threshold inside gives the count at once, one with
    /// a single threshold inside needs one comparison; a bucket with more (the tail, and always the top bucket, where
    /// the last threshold 2⁶⁴ − 1 is not counted) is slow and counted by comparisons. Used when at most 15 buckets
    /// hold one threshold, at most two are slow and every other bucket starts at a count below 15.
    /// </summary>
    private static (Vector512<byte>[]?, Vector512<ulong>[]?) BuildGuide(ulong[] thresholds, int last)
    {
        const int Buckets = 1 << GuideBits;
        var codes = new byte[Buckets];
        var inside = new ulong[16];
        Array.Fill(inside, ulong.MaxValue);
        int singles = 0, slowBuckets = 0, k = 0;
        for (int b = 0; b < Buckets; b++)
        {
            ulong start = (ulong)b << (64 - GuideBits);
            ulong end = start + ((1UL << (64 - GuideBits)) - 1); // inclusive
            while (k < last && thresholds[k] <= start)
            {
                k++;
            }

            int within = 0;
            while (k + within < last && thresholds[k + within] <= end)
            {
                within++;
            }

            if (b == Buckets - 1 || within > 1 || (within == 1 && singles == 15) || k >= 15)
            {
                codes[b] = SlowBucket;
                slowBuckets++;
            }
            else if (within == 1)
            {
                inside[singles] = thresholds[k];
                codes[b] = (byte)((k << 4) | singles++);
            }
            else
            {
                codes[b] = (byte)((k << 4) | 15);
            }
        }

        if (slowBuckets > 2)
        {
            return (null, null);
        }

        return ([Vector512.Create(codes.AsSpan(0, 64)), Vector512.Create(codes.AsSpan(64, 64))],
            [Vector512.Create(inside.AsSpan(0, 8)), Vector512.Create(inside.AsSpan(8, 8))]);
    }

    /// <summary>True when <paramref name="targets"/> are consecutive indices <c>targets[0] + j</c>.</summary>
    public static bool AreContiguous(ReadOnlySpan<ushort> targets) =>
        targets.IsEmpty || Synapses.ConnectionStore.IsAscending(targets, strictly: true) && SpansConsecutively(targets[0], targets[^1], targets.Length);

    /// <summary>
    /// For <paramref name="count"/> strictly ascending targets from <paramref name="first"/> to <paramref name="last"/>:
    /// true when they are consecutive (no gap between first and last).
    /// </summary>
    public static bool SpansConsecutively(int first, int last, int count) => last - first == count - 1;

    private int SampleLarge(ref ulong state)
    {
        var adapter = t_adapter ??= SeededRandom.FromState();
        adapter.State = state;
        int n = MathNet.Numerics.Distributions.Poisson.Sample(adapter, Mean);
        state = adapter.State;
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
