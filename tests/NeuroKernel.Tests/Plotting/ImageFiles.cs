using System.Buffers.Binary;
using System.Globalization;
using System.Xml.Linq;

namespace NeuroKernel.Tests.Plotting;

/// <summary>Reads an image's size from the file itself, without an imaging library.</summary>
internal static class ImageFiles
{
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>
    /// The width and height in a PNG's IHDR chunk, which the format requires to come first: 8 signature bytes,
    /// then the chunk length (13), "IHDR", and width and height as big-endian 32-bit integers.
    /// </summary>
    public static (int Width, int Height) PngSize(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        Assert.That(bytes, Has.Length.GreaterThan(33), $"{path} is too short to be a PNG");
        Assert.That(bytes.AsSpan(0, 8).ToArray(), Is.EqualTo(PngSignature), $"{path} has no PNG signature");
        Assert.That(BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(8)), Is.EqualTo(13), "IHDR length");
        Assert.That(System.Text.Encoding.ASCII.GetString(bytes, 12, 4), Is.EqualTo("IHDR"), "first chunk");
        Assert.That(System.Text.Encoding.ASCII.GetString(bytes, bytes.Length - 8, 4), Is.EqualTo("IEND"), "last chunk");
        return (BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
    }

    /// <summary>The <c>width</c> and <c>height</c> attributes of an SVG's root element (a unit suffix such as px is dropped).</summary>
    public static (double Width, double Height) SvgSize(string path)
    {
        XElement root = SvgRoot(path);
        return (Number(root, "width"), Number(root, "height"));
    }

    /// <summary>The root element of an SVG file, checked to be well-formed XML and an <c>svg</c> element.</summary>
    public static XElement SvgRoot(string path)
    {
        var doc = XDocument.Load(path);
        XElement root = doc.Root!;
        Assert.That(root.Name.LocalName, Is.EqualTo("svg"));
        Assert.That(root.Name.NamespaceName, Is.EqualTo("http://www.w3.org/2000/svg"));
        return root;
    }

    private static double Number(XElement e, string name)
    {
        string? text = e.Attribute(name)?.Value;
        Assert.That(text, Is.Not.Null, $"the svg element has no {name} attribute");
        string digits = new(text!.TakeWhile(c => char.IsAsciiDigit(c) || c == '.').ToArray());
        return double.Parse(digits, CultureInfo.InvariantCulture);
    }
}
