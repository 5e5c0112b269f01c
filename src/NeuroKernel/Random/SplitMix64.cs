using System.Runtime.CompilerServices;

namespace NeuroKernel.Random;

/// <summary>
/// SplitMix64 (Steele, Lea &amp; Flood 2014): a 64-bit-state generator that passes BigCrush, used both as a
/// stream (one state per Poisson target) and as a hash to derive independent stream seeds from
/// (seed, node id, target id) so that no stream depends on the thread that draws from it.
/// </summary>
internal static class SplitMix64
{
    private const ulong Gamma = 0x9E3779B97F4A7C15UL;

    /// <summary>Advances <paramref name="state"/> and returns the next 64 random bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Next(ref ulong state)
    {
        state += Gamma;
        return Mix(state);
    }

    /// <summary>Uniform double in [0, 1) with 53 random bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double NextDouble(ref ulong state) => (Next(ref state) >> 11) * (1.0 / (1UL << 53));

    /// <summary>The SplitMix64 output function (a bijective 64-bit mixer).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A stream seed derived from a master seed and a tuple of keys.</summary>
    public static ulong Derive(ulong seed, ulong a, ulong b = 0, ulong c = 0)
    {
        ulong h = Mix(seed + Gamma);
        h = Mix(h ^ (a + 0x632BE59BD9B4E019UL));
        h = Mix(h ^ (b + 0x8CB92BA72F3D8DD7UL));
        return Mix(h ^ (c + 0xD6E8FEB86659FD93UL));
    }
}
