using System.Globalization;

namespace NeuroKernel;

/// <summary>
/// A dictionary of named values, the C# form of PyNEST's status and parameter dictionaries
/// (<c>{"C_m": 250.0, "tau_m": 20.0}</c>). Keys are NEST's names; values are numbers, booleans, strings,
/// arrays or nested dictionaries.
/// </summary>
/// <remarks>
/// Write it with a collection initializer: <c>new() { ["C_m"] = 250.0, ["V_th"] = 20.0 }</c>.
/// Read it with <see cref="Get{T}(string)"/>, which converts between numeric types the way a Python user
/// expects (an <c>int</c> read as <c>double</c>, a <c>long</c> read as <c>int</c> when it fits).
/// </remarks>
public sealed class StatusDictionary : Dictionary<string, object>
{
    /// <summary>Creates an empty dictionary.</summary>
    public StatusDictionary() : base(StringComparer.Ordinal) { }

    /// <summary>Creates a copy of another dictionary.</summary>
    /// <param name="other">The entries to copy.</param>
    public StatusDictionary(IDictionary<string, object> other) : base(other, StringComparer.Ordinal) { }

    /// <summary>Reads a value, converting numbers between numeric types.</summary>
    /// <typeparam name="T">The type wanted: a numeric type, <see cref="bool"/>, <see cref="string"/>, an array type or <see cref="StatusDictionary"/>.</typeparam>
    /// <param name="key">The key.</param>
    /// <returns>The value as <typeparamref name="T"/>.</returns>
    /// <exception cref="BadPropertyException">The key is missing or its value cannot be read as <typeparamref name="T"/>.</exception>
    public T Get<T>(string key)
    {
        if (!TryGetValue(key, out object? value))
        {
            throw new BadPropertyException(key, $"The dictionary has no entry '{key}'.");
        }

        return Convert<T>(key, value);
    }

    internal static T Convert<T>(string key, object value)
    {
        if (value is T t)
        {
            return t;
        }

        try
        {
            if (typeof(T) == typeof(double) && IsNumber(value))
            {
                return (T)(object)System.Convert.ToDouble(value, CultureInfo.InvariantCulture);
            }

            if (typeof(T) == typeof(long) && IsIntegral(value))
            {
                return (T)(object)System.Convert.ToInt64(value, CultureInfo.InvariantCulture);
            }

            if (typeof(T) == typeof(int) && IsIntegral(value))
            {
                return (T)(object)System.Convert.ToInt32(value, CultureInfo.InvariantCulture);
            }

            if (typeof(T) == typeof(double[]) && value is System.Collections.IEnumerable e && value is not string)
            {
                var list = new List<double>();
                foreach (object? o in e)
                {
                    list.Add(o is not null && IsNumber(o)
                        ? System.Convert.ToDouble(o, CultureInfo.InvariantCulture)
                        : throw new InvalidCastException());
                }

                return (T)(object)list.ToArray();
            }
        }
        catch (Exception ex) when (ex is InvalidCastException or OverflowException or FormatException)
        {
            // fall through to the error below
        }

        throw new BadPropertyException(key,
            $"Property '{key}' has value {Describe(value)}, which cannot be read as {Expected(typeof(T))}.");
    }

    /// <summary>What a reader asked for, in words.</summary>
    private static string Expected(Type type) =>
        type == typeof(double) || type == typeof(float) ? "a number"
        : type == typeof(long) || type == typeof(int) ? "an integer"
        : type == typeof(bool) ? "a boolean"
        : type == typeof(string) ? "a string"
        : type == typeof(StatusDictionary) ? "a dictionary"
        : type.IsArray ? $"an array of {Expected(type.GetElementType()!).Split(' ')[^1]}s"
        : type.Name;

    internal static bool IsNumber(object value) =>
        value is double or float or int or long or short or byte or sbyte or uint or ulong or ushort or decimal;

    internal static bool IsIntegral(object value) =>
        value is int or long or short or byte or sbyte or uint or ulong or ushort ||
        (value is double d && Math.Floor(d) == d && Math.Abs(d) < 9.0e15);

    /// <summary>
    /// Formats a value for an error message as a user would write it: numbers and strings as such, short arrays with their
    /// elements (<c>an array of 3 strings ['V_m', 'I_syn_ex', 'I_syn_in']</c>), longer ones by length and element type, a
    /// dictionary by its keys; never a .NET type name alone.
    /// </summary>
    internal static string Describe(object? value) => value switch
    {
        null => "null",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        string s => $"'{s}'",
        bool b => b ? "True" : "False",
        IFormattable f when value.GetType().IsPrimitive || value is decimal => f.ToString(null, CultureInfo.InvariantCulture),
        Parameter p => $"the parameter {p}",
        StatusDictionary dict => dict.Count == 0 ? "an empty dictionary" : $"a dictionary with keys {string.Join(", ", dict.Keys.Select(k => $"'{k}'"))}",
        Array array => DescribeArray(array),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() is { } text && text != value.GetType().FullName ? text : $"a {value.GetType().Name}",
    };

    private static string DescribeArray(Array array)
    {
        var type = array.GetType().GetElementType()!;
        string element = type == typeof(double) || type == typeof(float) || type == typeof(decimal) ? "number"
            : type == typeof(string) ? "string"
            : type == typeof(bool) ? "boolean"
            : type.IsPrimitive ? "integer"
            : type.IsArray ? "array"
            : type.Name;
        string shape = array.Rank == 1
            ? $"{array.Length} {element}{(array.Length == 1 ? "" : "s")}"
            : $"[{string.Join(", ", Enumerable.Range(0, array.Rank).Select(array.GetLength))}] {element}s";
        string typed = type == typeof(double) || type == typeof(string) || type == typeof(long) ? "" : $" ({type.Name}[])";
        if (array.Rank == 1 && array.Length is > 0 and <= 8 && !type.IsArray)
        {
            var items = new List<string>();
            foreach (object? o in array)
            {
                items.Add(Describe(o));
            }

            return $"an array of {shape}{typed} [{string.Join(", ", items)}]";
        }

        return $"an array of {shape}{typed}";
    }
}
