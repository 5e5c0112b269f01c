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
            $"Property '{key}' has value {Describe(value)} of type {value.GetType().Name}, which cannot be read as {typeof(T).Name}.");
    }

    internal static bool IsNumber(object value) =>
        value is double or float or int or long or short or byte or sbyte or uint or ulong or ushort or decimal;

    internal static bool IsIntegral(object value) =>
        value is int or long or short or byte or sbyte or uint or ulong or ushort ||
        (value is double d && Math.Floor(d) == d && Math.Abs(d) < 9.0e15);

    /// <summary>Formats a value for an error message.</summary>
    internal static string Describe(object? value) => value switch
    {
        null => "null",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        string s => $"'{s}'",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? value.GetType().Name,
    };
}
