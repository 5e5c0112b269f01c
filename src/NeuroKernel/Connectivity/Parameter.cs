using System.Globalization;
using NeuroKernel.Random;
using MathNetDist = MathNet.Numerics.Distributions;

namespace NeuroKernel;

/// <summary>
/// A value computed per node or per connection (NEST 3's <c>nest.Parameter</c>): random draws (<see cref="Uniform"/>,
/// <see cref="Normal"/>, …), numbers, and expressions of them with <c>+ − × ÷</c>, powers, <see cref="Exp"/>,
/// <see cref="Sin"/>, <see cref="Cos"/>, <see cref="Min"/>, <see cref="Max"/>, <see cref="Redraw"/>, comparisons and
/// <see cref="Conditional"/>. Usable wherever a number is in <c>Create</c> and <c>SetStatus</c> (each node gets its own
/// value) and as <c>weight</c> or <c>delay</c> in a <see cref="SynSpec"/> (each connection its own).
/// </summary>
/// <remarks>
/// A value is computed from a random stream keyed as the kernel's other draws (node parameters: seed, call, node id and
/// key; connections: the rule's streams), the random leaves drawing in the expression's order from left to right, so
/// results are the same for any thread count. The draws are not NEST's numbers: compare distributions, not values.
/// </remarks>
/// <example>
/// <code>
/// var vm = Parameter.Uniform(-70.0, -55.0);
/// var weight = Parameter.Redraw(Parameter.Normal(20.0, 5.0), min: 0.0, max: 100.0) * 0.5;
/// var delay = 1.0 + Parameter.Exponential(2.0);
/// </code>
/// </example>
public abstract class Parameter
{
    private protected Parameter() { }

    /// <summary>Computes one value, drawing from <paramref name="rng"/> as the expression needs.</summary>
    private protected abstract double Value(SeededRandom rng);

    /// <summary>Whether the expression draws random numbers (false: every node or connection gets the same value).</summary>
    internal abstract bool IsRandom { get; }

    /// <summary>One value of the parameter, drawn from <paramref name="rng"/>.</summary>
    internal double Evaluate(SeededRandom rng) => Value(rng);

    /// <summary>A number.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The parameter.</returns>
    public static Parameter Constant(double value) => new ConstantParameter(value);

    /// <summary>A number as a parameter (in expressions such as <c>1.0 + Parameter.Exponential(2.0)</c>).</summary>
    /// <param name="value">The value.</param>
    public static implicit operator Parameter(double value) => Constant(value);

    /// <summary>Uniform on [min, max) (NEST's <c>nest.random.uniform</c>).</summary>
    /// <param name="min">Lower bound.</param>
    /// <param name="max">Upper bound (&gt; min).</param>
    /// <returns>The parameter.</returns>
    /// <exception cref="BadParameterException">min ≥ max, or a bound is not finite.</exception>
    public static Parameter Uniform(double min = 0.0, double max = 1.0)
    {
        Require(double.IsFinite(min) && double.IsFinite(max) && min < max, "uniform", $"min < max, both finite, required (min = {Show(min)}, max = {Show(max)})");
        return new RandomParameter("uniform", rng =>
        {
            double x = min + ((max - min) * rng.NextDouble());
            return x < max ? x : Math.BitDecrement(max);
        });
    }

    /// <summary>Uniform on the integers 0 … max − 1 (NEST's <c>nest.random.uniform_int</c>).</summary>
    /// <param name="max">The number of values (≥ 1).</param>
    /// <returns>The parameter.</returns>
    /// <exception cref="BadParameterException">max &lt; 1.</exception>
    public static Parameter UniformInt(long max)
    {
        Require(max >= 1, "uniform_int", $"max >= 1 required (max = {max})");
        return new RandomParameter("uniform_int", rng => Math.Min(Math.Floor(rng.NextDouble() * max), max - 1));
    }

    /// <summary>Normal with <paramref name="mean"/> and standard deviation <paramref name="std"/> (NEST's <c>nest.random.normal</c>).</summary>
    /// <param name="mean">Mean.</param>
    /// <param name="std">Standard deviation (≥ 0).</param>
    /// <returns>The parameter.</returns>
    /// <exception cref="BadParameterException">std &lt; 0 or a value is not finite.</exception>
    public static Parameter Normal(double mean = 0.0, double std = 1.0)
    {
        Require(double.IsFinite(mean) && double.IsFinite(std) && std >= 0.0, "normal", $"finite mean and std >= 0 required (mean = {Show(mean)}, std = {Show(std)})");
        return new RandomParameter("normal", rng => MathNetDist.Normal.Sample(rng, mean, std));
    }

    /// <summary>Log-normal: e to a normal of <paramref name="mean"/> and <paramref name="std"/> (NEST's <c>nest.random.lognormal</c>).</summary>
    /// <param name="mean">Mean of the underlying normal.</param>
    /// <param name="std">Standard deviation of the underlying normal (≥ 0).</param>
    /// <returns>The parameter.</returns>
    /// <exception cref="BadParameterException">std &lt; 0 or a value is not finite.</exception>
    public static Parameter Lognormal(double mean = 0.0, double std = 1.0)
    {
        Require(double.IsFinite(mean) && double.IsFinite(std) && std >= 0.0, "lognormal", $"finite mean and std >= 0 required (mean = {Show(mean)}, std = {Show(std)})");
        return new RandomParameter("lognormal", rng => MathNetDist.LogNormal.Sample(rng, mean, std));
    }

    /// <summary>Exponential with scale <paramref name="beta"/> (mean β; NEST's <c>nest.random.exponential</c>).</summary>
    /// <param name="beta">Scale (&gt; 0).</param>
    /// <returns>The parameter.</returns>
    /// <exception cref="BadParameterException">beta ≤ 0 or not finite.</exception>
    public static Parameter Exponential(double beta = 1.0)
    {
        Require(double.IsFinite(beta) && beta > 0.0, "exponential", $"beta > 0 required (beta = {Show(beta)})");
        return new RandomParameter("exponential", rng => MathNetDist.Exponential.Sample(rng, 1.0 / beta));
    }

    /// <summary>e to the parameter (NEST's <c>nest.math.exp</c>).</summary>
    /// <param name="p">The exponent.</param>
    /// <returns>The parameter.</returns>
    public static Parameter Exp(Parameter p) => Unary(p, "exp", Math.Exp);

    /// <summary>The sine of the parameter in radians (NEST's <c>nest.math.sin</c>).</summary>
    /// <param name="p">The angle.</param>
    /// <returns>The parameter.</returns>
    public static Parameter Sin(Parameter p) => Unary(p, "sin", Math.Sin);

    /// <summary>The cosine of the parameter in radians (NEST's <c>nest.math.cos</c>).</summary>
    /// <param name="p">The angle.</param>
    /// <returns>The parameter.</returns>
    public static Parameter Cos(Parameter p) => Unary(p, "cos", Math.Cos);

    /// <summary>The parameter to the power <paramref name="exponent"/> (NEST's <c>p ** exponent</c>).</summary>
    /// <param name="p">The base.</param>
    /// <param name="exponent">The exponent.</param>
    /// <returns>The parameter.</returns>
    public static Parameter Pow(Parameter p, double exponent) => Unary(p, "pow", x => Math.Pow(x, exponent));

    /// <summary>The smaller of the parameter and <paramref name="value"/> (NEST's <c>nest.math.min</c>).</summary>
    /// <param name="p">The parameter.</param>
    /// <param name="value">The bound.</param>
    /// <returns>The parameter.</returns>
    public static Parameter Min(Parameter p, double value) => Unary(p, "min", x => Math.Min(x, value));

    /// <summary>The larger of the parameter and <paramref name="value"/> (NEST's <c>nest.math.max</c>).</summary>
    /// <param name="p">The parameter.</param>
    /// <param name="value">The bound.</param>
    /// <returns>The parameter.</returns>
    public static Parameter Max(Parameter p, double value) => Unary(p, "max", x => Math.Max(x, value));

    /// <summary>
    /// The parameter drawn again until it lies in [<paramref name="min"/>, <paramref name="max"/>] (NEST's
    /// <c>nest.math.redraw</c>); at most 1,000 tries, as NEST, after which the call fails.
    /// </summary>
    /// <param name="p">The parameter (drawn again as a whole: every random leaf draws anew).</param>
    /// <param name="min">Lower bound.</param>
    /// <param name="max">Upper bound (≥ min).</param>
    /// <returns>The parameter.</returns>
    /// <exception cref="BadParameterException">min &gt; max.</exception>
    public static Parameter Redraw(Parameter p, double min, double max)
    {
        ArgumentNullException.ThrowIfNull(p);
        Require(min <= max, "redraw", $"min <= max required (min = {Show(min)}, max = {Show(max)})");
        return new RedrawParameter(p, min, max);
    }

    /// <summary><paramref name="ifTrue"/> where <paramref name="condition"/> is not 0, else <paramref name="ifFalse"/> (NEST's <c>nest.logic.conditional</c>).</summary>
    /// <param name="condition">A comparison (or any parameter: non-zero is true).</param>
    /// <param name="ifTrue">The value where it holds.</param>
    /// <param name="ifFalse">The value where it does not.</param>
    /// <returns>The parameter.</returns>
    public static Parameter Conditional(Parameter condition, Parameter ifTrue, Parameter ifFalse) => new ConditionalParameter(condition, ifTrue, ifFalse);

    /// <summary>1 where the two are equal, else 0 (NEST's <c>==</c> on parameters).</summary>
    /// <param name="a">The left side.</param>
    /// <param name="b">The right side.</param>
    /// <returns>The parameter.</returns>
    public static Parameter AreEqual(Parameter a, Parameter b) => Binary(a, b, "==", (x, y) => x == y ? 1.0 : 0.0);

    /// <summary>1 where the two differ, else 0 (NEST's <c>!=</c> on parameters).</summary>
    /// <param name="a">The left side.</param>
    /// <param name="b">The right side.</param>
    /// <returns>The parameter.</returns>
    public static Parameter AreNotEqual(Parameter a, Parameter b) => Binary(a, b, "!=", (x, y) => x != y ? 1.0 : 0.0);

    /// <summary>The sum.</summary>
    /// <param name="a">The left side.</param>
    /// <param name="b">The right side.</param>
    /// <returns>The parameter.</returns>
    public static Parameter operator +(Parameter a, Parameter b) => Binary(a, b, "+", (x, y) => x + y);

    /// <summary>The difference.</summary>
    /// <param name="a">The left side.</param>
    /// <param name="b">The right side.</param>
    /// <returns>The parameter.</returns>
    public static Parameter operator -(Parameter a, Parameter b) => Binary(a, b, "-", (x, y) => x - y);

    /// <summary>The product.</summary>
    /// <param name="a">The left side.</param>
    /// <param name="b">The right side.</param>
    /// <returns>The parameter.</returns>
    public static Parameter operator *(Parameter a, Parameter b) => Binary(a, b, "*", (x, y) => x * y);

    /// <summary>The quotient.</summary>
    /// <param name="a">The left side.</param>
    /// <param name="b">The right side.</param>
    /// <returns>The parameter.</returns>
    public static Parameter operator /(Parameter a, Parameter b) => Binary(a, b, "/", (x, y) => x / y);

    /// <summary>The negation.</summary>
    /// <param name="p">The parameter.</param>
    /// <returns>The parameter.</returns>
    public static Parameter operator -(Parameter p) => Unary(p, "-", x => -x);

    /// <summary>1 where a &lt; b, else 0.</summary>
    /// <param name="a">The left side.</param>
    /// <param name="b">The right side.</param>
    /// <returns>The parameter.</returns>
    public static Parameter operator <(Parameter a, Parameter b) => Binary(a, b, "<", (x, y) => x < y ? 1.0 : 0.0);

    /// <summary>1 where a &gt; b, else 0.</summary>
    /// <param name="a">The left side.</param>
    /// <param name="b">The right side.</param>
    /// <returns>The parameter.</returns>
    public static Parameter operator >(Parameter a, Parameter b) => Binary(a, b, ">", (x, y) => x > y ? 1.0 : 0.0);

    /// <summary>1 where a ≤ b, else 0.</summary>
    /// <param name="a">The left side.</param>
    /// <param name="b">The right side.</param>
    /// <returns>The parameter.</returns>
    public static Parameter operator <=(Parameter a, Parameter b) => Binary(a, b, "<=", (x, y) => x <= y ? 1.0 : 0.0);

    /// <summary>1 where a ≥ b, else 0.</summary>
    /// <param name="a">The left side.</param>
    /// <param name="b">The right side.</param>
    /// <returns>The parameter.</returns>
    public static Parameter operator >=(Parameter a, Parameter b) => Binary(a, b, ">=", (x, y) => x >= y ? 1.0 : 0.0);

    private static UnaryParameter Unary(Parameter p, string name, Func<double, double> f)
    {
        ArgumentNullException.ThrowIfNull(p);
        return new UnaryParameter(name, p, f);
    }

    private static BinaryParameter Binary(Parameter a, Parameter b, string name, Func<double, double, double> f)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return new BinaryParameter(name, a, b, f);
    }

    private static void Require(bool ok, string name, string what)
    {
        if (!ok)
        {
            throw new BadParameterException($"nest.random.{name}: {what}.");
        }
    }

    private static string Show(double x) => x.ToString("R", CultureInfo.InvariantCulture);

    private sealed class ConstantParameter(double value) : Parameter
    {
        internal override bool IsRandom => false;

        private protected override double Value(SeededRandom rng) => value;

        public override string ToString() => Show(value);
    }

    private sealed class RandomParameter(string name, Func<SeededRandom, double> draw) : Parameter
    {
        internal override bool IsRandom => true;

        private protected override double Value(SeededRandom rng) => draw(rng);

        public override string ToString() => $"{name}(…)";
    }

    private sealed class UnaryParameter(string name, Parameter p, Func<double, double> f) : Parameter
    {
        internal override bool IsRandom => p.IsRandom;

        private protected override double Value(SeededRandom rng) => f(p.Value(rng));

        public override string ToString() => $"{name}({p})";
    }

    private sealed class BinaryParameter(string name, Parameter a, Parameter b, Func<double, double, double> f) : Parameter
    {
        internal override bool IsRandom => a.IsRandom || b.IsRandom;

        private protected override double Value(SeededRandom rng)
        {
            // Left to right: the left side's random leaves draw first.
            double x = a.Value(rng);
            return f(x, b.Value(rng));
        }

        public override string ToString() => $"({a} {name} {b})";
    }

    private sealed class RedrawParameter(Parameter p, double min, double max) : Parameter
    {
        private const int MaxTries = 1000;

        internal override bool IsRandom => p.IsRandom;

        private protected override double Value(SeededRandom rng)
        {
            for (int attempt = 0; attempt < MaxTries; attempt++)
            {
                double x = p.Value(rng);
                if (x >= min && x <= max)
                {
                    return x;
                }
            }

            throw new BadParameterException($"nest.math.redraw: no value of {p} in [{Show(min)}, {Show(max)}] in {MaxTries} draws.");
        }

        public override string ToString() => $"redraw({p}, {Show(min)}, {Show(max)})";
    }

    private sealed class ConditionalParameter(Parameter condition, Parameter ifTrue, Parameter ifFalse) : Parameter
    {
        internal override bool IsRandom => condition.IsRandom || ifTrue.IsRandom || ifFalse.IsRandom;

        private protected override double Value(SeededRandom rng) => condition.Value(rng) != 0.0 ? ifTrue.Value(rng) : ifFalse.Value(rng);

        public override string ToString() => $"conditional({condition}, {ifTrue}, {ifFalse})";
    }
}
