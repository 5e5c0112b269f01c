using NeuroKernel.Models;
using NeuroKernel.Random;
using MathNetDist = MathNet.Numerics.Distributions;

namespace NeuroKernel.Connectivity;

/// <summary>
/// A weight or delay as a Connect call gives it: one number, an array (one value per connection, in the
/// rule's shape) or a distribution drawn per connection.
/// </summary>
internal sealed class ValueSpec
{
    private readonly string _key;
    private readonly double[]? _array;
    private readonly string? _distribution;
    private readonly double _a, _b, _min, _max;

    /// <summary>Standard normal draws made in batches (MathNet's polar method keeps both values of a pair there, the single draw one).</summary>
    private double[]? _normals;
    private int _nextNormal;
    private SeededRandom? _normalsFrom;

    private ValueSpec(string key, double scalar)
    {
        _key = key;
        Scalar = scalar;
    }

    private ValueSpec(string key, double[] array, int rows, int columns)
    {
        _key = key;
        _array = array;
        Rows = rows;
        Columns = columns;
    }

    private ValueSpec(string key, Parameter parameter)
    {
        _key = key;
        _parameter = parameter;
        _distribution = "parameter";
    }

    /// <summary>A <see cref="NeuroKernel.Parameter"/> expression evaluated per connection, or null.</summary>
    private readonly Parameter? _parameter;

    private ValueSpec(string key, string distribution, double a, double b, double min, double max)
    {
        _key = key;
        _distribution = distribution;
        (_a, _b, _min, _max) = (a, b, min, max);
    }

    /// <summary>The value when it is one number.</summary>
    public double Scalar { get; }

    public bool IsScalar => _array is null && _distribution is null;

    public bool IsArray => _array is not null;

    /// <summary>Array shape: rows × columns (rows = 1 for a 1-D array).</summary>
    public int Rows { get; }

    public int Columns { get; }

    public bool Is2D { get; private init; }

    /// <summary>Reads a syn_spec value; <paramref name="fallback"/> is the model default.</summary>
    public static ValueSpec From(string key, object? raw, double fallback)
    {
        switch (raw)
        {
            case null:
                return new ValueSpec(key, fallback);
            case double d:
                return new ValueSpec(key, d);
            case int[] ints:
                return FromFlat(key, [.. ints.Select(i => (double)i)]);
            case double[] values:
                return FromFlat(key, values);
            case double[,] matrix:
            {
                var flat = new double[matrix.Length];
                int k = 0;
                foreach (double v in matrix)
                {
                    flat[k++] = v;
                }

                Check(key, flat);
                return new ValueSpec(key, flat, matrix.GetLength(0), matrix.GetLength(1)) { Is2D = true };
            }

            case double[][] jagged:
            {
                int columns = jagged.Length == 0 ? 0 : jagged[0].Length;
                if (jagged.Any(r => r is null || r.Length != columns))
                {
                    throw new BadPropertyException(key, $"syn_spec: the rows of the {key} array must have equal lengths.");
                }

                var flat = jagged.SelectMany(r => r).ToArray();
                Check(key, flat);
                return new ValueSpec(key, flat, jagged.Length, columns) { Is2D = true };
            }

            case StatusDictionary dist:
                return FromDistribution(key, dist);
            case Parameter { IsRandom: false } constant:
            {
                // The same value for every connection: a number.
                double value = constant.Evaluate(SeededRandom.FromState());
                Check(key, [value]);
                return new ValueSpec(key, value);
            }

            case Parameter parameter:
                return new ValueSpec(key, parameter);
            default:
                throw new BadPropertyException(key, $"syn_spec: unsupported {key} value {StatusDictionary.Describe(raw)}.");
        }
    }

    private static ValueSpec FromFlat(string key, double[] values)
    {
        Check(key, values);
        return new ValueSpec(key, [.. values], 1, values.Length);
    }

    private static void Check(string key, double[] values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                throw SynSpec.NonFinite(key, values[i], $"{key}[{i}]");
            }
        }
    }

    private static ValueSpec FromDistribution(string key, StatusDictionary d)
    {
        var r = new ParameterReader(d, $"{key} distribution");
        string name = "";
        if (!r.TryString("distribution", ref name))
        {
            throw new BadPropertyException(key, $"syn_spec: a {key} dictionary must name its 'distribution'.");
        }

        double a = double.NaN, b = double.NaN, min = double.NegativeInfinity, max = double.PositiveInfinity;
        void Read(string nest3, string nest2, ref double v)
        {
            if (!r.TryDouble(nest3, ref v))
            {
                r.TryDouble(nest2, ref v);
            }
        }

        switch (name)
        {
            case "uniform":
                Read("min", "low", ref a);
                Read("max", "high", ref b);
                Require(key, name, !double.IsFinite(a) || !double.IsFinite(b) || a >= b, $"min < max required (min = {a}, max = {b})");
                break;
            case "normal" or "normal_clipped":
                a = 0.0;
                b = 1.0;
                Read("mean", "mu", ref a);
                Read("std", "sigma", ref b);
                Read("min", "low", ref min);
                Read("max", "high", ref max);
                Require(key, name, !(b >= 0.0) || !(min < max), $"std >= 0 and min < max required (std = {b}, min = {min}, max = {max})");
                break;
            case "lognormal":
                a = 0.0;
                b = 1.0;
                Read("mean", "mu", ref a);
                Read("std", "sigma", ref b);
                Require(key, name, !(b >= 0.0), $"std >= 0 required (std = {b})");
                break;
            case "exponential":
                b = double.NaN;
                a = 1.0;
                if (r.TryDouble("lambda", ref b))
                {
                    a = 1.0 / b;
                }

                r.TryDouble("beta", ref a);
                Require(key, name, !(a > 0.0) || !double.IsFinite(a), $"beta > 0 required (beta = {a})");
                break;
            default:
                throw new BadPropertyException(key, $"syn_spec: unknown distribution '{name}' for {key}; known are uniform, normal, lognormal and exponential.");
        }

        r.ThrowIfUnused();
        return new ValueSpec(key, name == "normal_clipped" ? "normal" : name, a, b, min, max);
    }

    private static void Require(string key, string name, bool bad, string what)
    {
        if (bad)
        {
            throw new BadPropertyException(key, $"syn_spec: {name} distribution for {key}: {what}.");
        }
    }

    /// <summary>Whether the weight is a negative number or an array with a negative value (drawn values are not known yet).</summary>
    public bool HasNegative => _array is not null ? _array.Any(v => v < 0.0) : IsScalar && Scalar < 0.0;

    /// <summary>The array value at flat index <paramref name="index"/> (row · Columns + column; the index itself for a 1-D array).</summary>
    public double At(int index) => _array![index];

    /// <summary>One draw (distribution only); a weight that comes out non-finite is refused.</summary>
    public double Draw(SeededRandom rng)
    {
        double x = DrawOne(rng);
        if (!double.IsFinite(x) && _key == ParameterNames.Weight)
        {
            throw new BadPropertyException(_key,
                $"syn_spec: the {_distribution} distribution for {_key} drew {Kernel.TimeGrid.Format(x)}; choose parameters whose draws are finite numbers.");
        }

        return x;
    }

    /// <summary>
    /// min + (max − min)·u, unless max − min overflows (min = −1e308, max = 1e308): then the two ends are weighted
    /// separately. Rounding can give max itself; the interval is [min, max).
    /// </summary>
    private double Uniform(SeededRandom rng)
    {
        double u = rng.NextDouble();
        double range = _b - _a;
        double x = double.IsFinite(range) ? _a + range * u : _a * (1.0 - u) + _b * u;
        return x < _b ? x : Math.BitDecrement(_b);
    }

    private double DrawOne(SeededRandom rng)
    {
        switch (_distribution)
        {
            case "parameter":
                return _parameter!.Evaluate(rng);
            case "uniform":
                return Uniform(rng);

            case "normal":
                for (int attempt = 0; attempt < 1_000_000; attempt++)
                {
                    double x = _a + _b * StandardNormal(rng);
                    if (x >= _min && x < _max)
                    {
                        return x;
                    }
                }

                throw new BadPropertyException(_key, $"syn_spec: the normal distribution for {_key} almost never falls in [{_min}, {_max}).");
            case "lognormal":
                return MathNetDist.LogNormal.Sample(rng, _a, _b);
            default:
                return MathNetDist.Exponential.Sample(rng, 1.0 / _a);
        }
    }

    /// <summary>
    /// Whether every draw is a finite number and a bounded normal's redraws cannot run out (at least 10⁻⁴ of its mass lies
    /// in the bounds): such weights can be drawn again when the store is built instead of being kept until then.
    /// </summary>
    public bool DrawsSafely => _distribution switch
    {
        "uniform" => true,
        "normal" => double.IsFinite(_a) && double.IsFinite(_b)
            && (_b == 0.0 ? _a >= _min && _a < _max : MathNetDist.Normal.CDF(_a, _b, _max) - MathNetDist.Normal.CDF(_a, _b, _min) >= 1e-4),
        _ => false,
    };

    /// <summary>
    /// Fills <paramref name="into"/> with draws from <paramref name="rng"/>, using no state of this object (threads may call
    /// it side by side, each with its own <paramref name="scratch"/>): the same values for the same stream and length.
    /// Normal values come from batches of MathNet's <c>Normal.Samples</c> of the next power of two up to the values still
    /// missing (at most 512), a value outside the bounds taking the next one.
    /// </summary>
    public void DrawMany(SeededRandom rng, Span<double> into, DrawScratch scratch)
    {
        switch (_distribution)
        {
            case "normal":
                int k = 0;
                for (int batch = 0; k < into.Length; batch++)
                {
                    if (batch > 1_000_000)
                    {
                        throw new BadPropertyException(_key, $"syn_spec: the normal distribution for {_key} almost never falls in [{_min}, {_max}).");
                    }

                    var z = scratch.Normals(into.Length - k);
                    MathNetDist.Normal.Samples(rng, z, 0.0, 1.0);
                    for (int i = 0; i < z.Length && k < into.Length; i++)
                    {
                        double x = _a + (_b * z[i]);
                        if (x >= _min && x < _max)
                        {
                            into[k++] = x;
                        }
                    }
                }

                return;
            default:
                for (int i = 0; i < into.Length; i++)
                {
                    into[i] = _distribution switch
                    {
                        "parameter" => _parameter!.Evaluate(rng),
                        "uniform" => Uniform(rng),
                        "lognormal" => MathNetDist.LogNormal.Sample(rng, _a, _b),
                        _ => MathNetDist.Exponential.Sample(rng, 1.0 / _a),
                    };
                }

                return;
        }
    }

    /// <summary>
    /// The next standard normal value of <paramref name="rng"/>'s stream, from batches of <see cref="NormalBatch"/> drawn
    /// with MathNet's <c>Normal.Samples</c>; a batch is drawn again when the stream is another one.
    /// </summary>
    private double StandardNormal(SeededRandom rng)
    {
        if (_normals is null || _nextNormal == _normals.Length || !ReferenceEquals(rng, _normalsFrom))
        {
            _normals ??= new double[NormalBatch];
            MathNetDist.Normal.Samples(rng, _normals, 0.0, 1.0);
            _nextNormal = 0;
            _normalsFrom = rng;
        }

        return _normals[_nextNormal++];
    }

    /// <summary>Standard normal values drawn at a time.</summary>
    private const int NormalBatch = 512;

    /// <summary>Checks an array against the shape a rule declared for the call (no check when the value is not an array).</summary>
    public void RequireShape(ArrayShape shape, string rule)
    {
        if (!IsArray)
        {
            return;
        }

        if (!shape.AllowsArrays)
        {
            throw new BadPropertyException(_key, $"{rule} cannot take a {_key} array: the number of connections is not known in advance; use a distribution.");
        }

        if (shape.IsMatrix)
        {
            RequireShape(shape.Rows, shape.Columns, rule);
        }
        else
        {
            RequireLength(shape.Columns, rule);
        }
    }

    /// <summary>Checks a 1-D array length.</summary>
    public void RequireLength(int n, string rule)
    {
        if (IsArray && (Is2D || Columns != n))
        {
            throw new BadPropertyException(_key, $"syn_spec: {rule} needs a 1-D {_key} array of length {n}, got {Describe()}.");
        }
    }

    /// <summary>Checks a 2-D array shape.</summary>
    public void RequireShape(int rows, int columns, string rule)
    {
        if (IsArray && (!Is2D || Rows != rows || Columns != columns))
        {
            throw new BadPropertyException(_key, $"syn_spec: {rule} needs a {_key} array of shape [{rows}, {columns}], got {Describe()}.");
        }
    }

    private string Describe() => Is2D ? $"shape [{Rows}, {Columns}]" : $"length {Columns}";
}

/// <summary>One thread's scratch for <see cref="ValueSpec.DrawMany"/>: a stream to reseed, and batches of standard normals.</summary>
internal sealed class DrawScratch
{
    private readonly double[][] _normals = new double[10][]; // 1, 2, 4, … 512 values
    private double[] _doubles = [];

    /// <summary>A reused stream, set to <paramref name="state"/>.</summary>
    public SeededRandom Stream(ulong state)
    {
        _stream.State = state;
        return _stream;
    }

    private readonly SeededRandom _stream = SeededRandom.FromState();

    /// <summary>An array of the next power of two ≥ <paramref name="missing"/> values, at most 512.</summary>
    public double[] Normals(int missing)
    {
        int size = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Clamp(missing, 1, 512));
        int slot = System.Numerics.BitOperations.Log2((uint)size);
        return _normals[slot] ??= new double[size];
    }

    /// <summary>A scratch span of <paramref name="n"/> doubles.</summary>
    public Span<double> Doubles(int n)
    {
        if (_doubles.Length < n)
        {
            _doubles = new double[Math.Max(n, 1024)];
        }

        return _doubles.AsSpan(0, n);
    }
}
