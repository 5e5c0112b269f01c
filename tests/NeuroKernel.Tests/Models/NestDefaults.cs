using System.Text.Json;

namespace NeuroKernel.Tests.Models;

/// <summary>NEST's <c>GetDefaults(model)</c> as recorded in Reference/defaults/&lt;model&gt;.json.</summary>
internal static class NestDefaults
{
    public static JsonElement Read(string model) => ModelProbe.ReadJson($"defaults/{model}.json");

    /// <summary>A number as NEST wrote it; infinities and NaN are the strings "Infinity", "-Infinity", "NaN".</summary>
    public static double Number(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Number => e.GetDouble(),
        JsonValueKind.String => e.GetString() switch
        {
            "Infinity" => double.PositiveInfinity,
            "-Infinity" => double.NegativeInfinity,
            "NaN" => double.NaN,
            var s => throw new FormatException($"Not a number: {s}"),
        },
        _ => throw new FormatException($"Not a number: {e}"),
    };

    /// <summary>A list of strings (record_from, recordables).</summary>
    public static string[] Strings(JsonElement e) => [.. e.EnumerateArray().Select(x => x.GetString()!)];

    /// <summary>
    /// Asserts that every key of <paramref name="numeric"/> has NEST's value in <paramref name="ours"/>, and that
    /// model and element_type agree (inside the caller's multiple-assert scope).
    /// </summary>
    public static void AssertNumbersEqual(StatusDictionary ours, JsonElement nest, IEnumerable<string> numeric)
    {
        foreach (string key in numeric)
        {
            Assert.That(ours.ContainsKey(key), Is.True, $"{key} is missing");
            if (ours.ContainsKey(key))
            {
                Assert.That(ours.Get<double>(key), Is.EqualTo(Number(nest.GetProperty(key))), key);
            }
        }

        Assert.That(ours.Get<string>(ParameterNames.Model), Is.EqualTo(nest.GetProperty("model").GetString()), "model");
        Assert.That(ours.Get<string>(ParameterNames.ElementType), Is.EqualTo(nest.GetProperty("element_type").GetString()), "element_type");
    }
}
