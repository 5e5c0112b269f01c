using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;

namespace NeuroKernel.Tests.Packaging;

/// <summary>
/// The public surface of an assembly as text, one C#-like line per type and per member, sorted so that the text
/// depends only on the API: type kind and modifiers, base type and interfaces, then every public (and, for types
/// that can be derived from, protected) constructor, method, property, indexer, event, field and enum value with
/// parameter names, default values, ref kinds and nullable annotations.
/// </summary>
internal static class PublicApiText
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance |
                                          BindingFlags.Static | BindingFlags.DeclaredOnly;

    public static string Of(Assembly assembly)
    {
        var sb = new StringBuilder();
        foreach (Type type in assembly.GetExportedTypes().OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            sb.Append(TypeLine(type)).Append('\n');
            foreach (var (_, line) in Members(type).OrderBy(m => m.Key, StringComparer.Ordinal).ThenBy(m => m.Line, StringComparer.Ordinal))
            {
                sb.Append("  ").Append(line).Append('\n');
            }
        }

        return sb.ToString();
    }

    private static string TypeLine(Type t)
    {
        string kind;
        if (t.IsEnum)
        {
            return $"public enum {Name(t)} : {Name(Enum.GetUnderlyingType(t))}";
        }
        else if (t.IsInterface)
        {
            kind = "interface";
        }
        else if (t.IsValueType)
        {
            kind = (t.IsDefined(typeof(IsReadOnlyAttribute)) ? "readonly " : "") + "struct";
        }
        else if (t.IsSubclassOf(typeof(Delegate)))
        {
            kind = "delegate";
        }
        else
        {
            kind = t.IsAbstract && t.IsSealed ? "static class" : t.IsAbstract ? "abstract class" : t.IsSealed ? "sealed class" : "class";
        }

        var bases = new List<string>();
        if (t.BaseType is { } b && b != typeof(object) && b != typeof(ValueType) && !t.IsSubclassOf(typeof(Delegate)))
        {
            bases.Add(Name(b));
        }

        bases.AddRange(t.GetInterfaces().Select(Name).Order(StringComparer.Ordinal));
        return $"public {kind} {Name(t)}" + (bases.Count > 0 ? " : " + string.Join(", ", bases) : "");
    }

    /// <summary>Each member's line, with a sort key: constructors, properties, methods, operators, events, fields, then by name.</summary>
    private static IEnumerable<(string Key, string Line)> Members(Type t)
    {
        var nullability = new NullabilityInfoContext();
        bool derivable = !t.IsSealed && !t.IsEnum && !t.IsValueType;
        bool Visible(MethodBase? m) => m is not null && (m.IsPublic || (derivable && (m.IsFamily || m.IsFamilyOrAssembly)));
        static string Access(MethodBase m) => m.IsPublic ? "public" : "protected";

        if (t.IsEnum)
        {
            foreach (FieldInfo f in t.GetFields(BindingFlags.Public | BindingFlags.Static))
            {
                yield return ("", $"{f.Name} = {Convert.ToString(f.GetRawConstantValue(), CultureInfo.InvariantCulture)}");
            }

            yield break;
        }

        foreach (ConstructorInfo c in t.GetConstructors(Declared).Where(c => Visible(c) && !c.IsStatic))
        {
            yield return ("0", $"{Access(c)} {Simple(t)}({Parameters(c, nullability)})");
        }

        foreach (MethodInfo m in t.GetMethods(Declared).Where(m => Visible(m) && (!m.IsSpecialName || m.Name.StartsWith("op_", StringComparison.Ordinal))))
        {
            if (m.Name.Contains('<', StringComparison.Ordinal))
            {
                continue; // compiler-made, e.g. a record's <Clone>$
            }

            string generic = m.IsGenericMethod ? "<" + string.Join(", ", m.GetGenericArguments().Select(a => a.Name)) + ">" : "";
            string key = (m.IsSpecialName ? "3 " : "2 ") + m.Name;
            yield return (key, $"{Access(m)} {Modifiers(m, t)}{Name(m.ReturnParameter, nullability)} {m.Name}{generic}({Parameters(m, nullability)})");
        }

        foreach (PropertyInfo p in t.GetProperties(Declared))
        {
            MethodInfo? get = Visible(p.GetMethod) ? p.GetMethod : null;
            MethodInfo? set = Visible(p.SetMethod) ? p.SetMethod : null;
            MethodInfo? any = get ?? set;
            if (any is null)
            {
                continue;
            }

            bool init = set?.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(IsExternalInit)) == true;
            string accessors = (get is not null ? "get; " : "") + (set is not null ? (init ? "init; " : "set; ") : "");
            ParameterInfo[] index = p.GetIndexParameters();
            string name = index.Length > 0 ? $"this[{string.Join(", ", index.Select(i => Parameter(i, nullability)))}]" : p.Name;
            yield return ("1 " + p.Name, $"{Access(any)} {Modifiers(any, t)}{Name(nullability.Create(p))} {name} {{ {accessors}}}");
        }

        foreach (EventInfo e in t.GetEvents(Declared).Where(e => Visible(e.AddMethod)))
        {
            yield return ("4 " + e.Name, $"{Access(e.AddMethod!)} {Modifiers(e.AddMethod!, t)}event {Name(nullability.Create(e))} {e.Name}");
        }

        foreach (FieldInfo f in t.GetFields(Declared).Where(f => f.IsPublic || (derivable && (f.IsFamily || f.IsFamilyOrAssembly))))
        {
            string access = f.IsPublic ? "public" : "protected";
            string value = f.IsLiteral ? " = " + Literal(f.GetRawConstantValue()) : "";
            string modifiers = f.IsLiteral ? "const " : (f.IsStatic ? "static " : "") + (f.IsInitOnly ? "readonly " : "");
            yield return ("5 " + f.Name, $"{access} {modifiers}{Name(nullability.Create(f))} {f.Name}{value}");
        }
    }

    private static string Modifiers(MethodInfo m, Type owner)
    {
        if (m.IsStatic)
        {
            return m.IsDefined(typeof(ExtensionAttribute)) ? "static (extension) " : "static ";
        }

        if (owner.IsInterface)
        {
            return m.IsAbstract ? "" : "virtual ";
        }

        if (m.IsAbstract)
        {
            return "abstract ";
        }

        bool isOverride = m.GetBaseDefinition().DeclaringType != m.DeclaringType;
        if (isOverride)
        {
            return m.IsFinal ? "sealed override " : "override ";
        }

        return m.IsVirtual && !m.IsFinal ? "virtual " : "";
    }

    private static string Parameters(MethodBase m, NullabilityInfoContext nullability) =>
        string.Join(", ", m.GetParameters().Select(p => Parameter(p, nullability)));

    private static string Parameter(ParameterInfo p, NullabilityInfoContext nullability)
    {
        string prefix = p.IsDefined(typeof(ParamArrayAttribute)) ? "params " : "";
        if (p.ParameterType.IsByRef)
        {
            prefix += p.IsOut ? "out " : p.IsIn ? "in " : "ref ";
        }

        if (p.Member is MethodInfo { IsStatic: true } mi && mi.IsDefined(typeof(ExtensionAttribute)) && p.Position == 0)
        {
            prefix = "this " + prefix;
        }

        string value = p.HasDefaultValue ? " = " + Literal(p.DefaultValue) : "";
        return $"{prefix}{Name(p, nullability)} {p.Name}{value}";
    }

    private static string Name(ParameterInfo p, NullabilityInfoContext nullability) => Name(nullability.Create(p));

    private static string Name(NullabilityInfo n)
    {
        Type t = n.Type.IsByRef ? n.Type.GetElementType()! : n.Type;
        string name;
        if (n.ElementType is { } element)
        {
            name = Name(element) + "[" + new string(',', t.GetArrayRank() - 1) + "]";
        }
        else if (t.IsGenericType && Nullable.GetUnderlyingType(t) is null && n.GenericTypeArguments.Length == t.GetGenericArguments().Length)
        {
            name = Generic(t, n.GenericTypeArguments.Select(Name));
        }
        else
        {
            name = Name(t);
        }

        // An unconstrained type parameter reads as nullable by reflection whatever the source says; leave it bare.
        bool nullableReference = !t.IsValueType && !t.IsGenericParameter && n.ReadState == NullabilityState.Nullable;
        return nullableReference ? name + "?" : name;
    }

    private static string Name(Type t)
    {
        if (t.IsByRef)
        {
            return Name(t.GetElementType()!);
        }

        if (Nullable.GetUnderlyingType(t) is { } underlying)
        {
            return Name(underlying) + "?";
        }

        if (t.IsArray)
        {
            return Name(t.GetElementType()!) + "[" + new string(',', t.GetArrayRank() - 1) + "]";
        }

        if (t.IsGenericParameter)
        {
            return t.Name;
        }

        string? keyword = Type.GetTypeCode(t) switch
        {
            TypeCode.Boolean => "bool",
            TypeCode.Byte => "byte",
            TypeCode.SByte => "sbyte",
            TypeCode.Char => "char",
            TypeCode.Int16 => "short",
            TypeCode.UInt16 => "ushort",
            TypeCode.Int32 => "int",
            TypeCode.UInt32 => "uint",
            TypeCode.Int64 => "long",
            TypeCode.UInt64 => "ulong",
            TypeCode.Single => "float",
            TypeCode.Double => "double",
            TypeCode.Decimal => "decimal",
            TypeCode.String => "string",
            _ => null,
        };
        if (keyword is not null && !t.IsEnum)
        {
            return keyword;
        }

        if (t == typeof(object))
        {
            return "object";
        }

        if (t == typeof(void))
        {
            return "void";
        }

        return t.IsGenericType ? Generic(t, t.GetGenericArguments().Select(Name)) : Qualified(t);
    }

    private static string Generic(Type t, IEnumerable<string> arguments)
    {
        string name = Qualified(t.IsGenericTypeDefinition ? t : t.GetGenericTypeDefinition());
        int tick = name.IndexOf('`', StringComparison.Ordinal);
        return (tick >= 0 ? name[..tick] : name) + "<" + string.Join(", ", arguments) + ">";
    }

    private static string Qualified(Type t) =>
        t.IsNested ? Qualified(t.DeclaringType!) + "." + t.Name : (t.Namespace is { } ns ? ns + "." : "") + t.Name;

    private static string Simple(Type t)
    {
        int tick = t.Name.IndexOf('`', StringComparison.Ordinal);
        return tick >= 0 ? t.Name[..tick] : t.Name;
    }

    private static string Literal(object? value) => value switch
    {
        null => "null",
        string s => "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"",
        bool b => b ? "true" : "false",
        char c => "'" + c + "'",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
