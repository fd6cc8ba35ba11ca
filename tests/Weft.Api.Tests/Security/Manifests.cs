using System.Collections;
using Weft.Api.Binding;
using Weft.Api.Documents;
using Weft.Api.Loading;
using Weft.Api.Model.Meta;
using Weft.Api.Validation;

namespace Weft.Api.Tests.Security;

/// <summary>Loads manifests the way <c>weft apply</c> does (schema, then semantics) for the model tests.</summary>
internal static class Manifests
{
    /// <summary>Every problem with the text: load errors and validation errors, as field errors.</summary>
    public static IReadOnlyList<FieldError> Errors(string yaml)
    {
        var load = ManifestLoader.Load(yaml, "test.yaml");
        var errors = load.Errors.Select(d => d.Error).ToList();
        errors.AddRange(Validators.Validate(load.Objects).Select(d => d.Error));
        return errors;
    }

    /// <summary>The messages of <see cref="Errors"/>, each with its field path.</summary>
    public static IReadOnlyList<string> Messages(string yaml) => Errors(yaml).Select(e => e.Message).ToList();

    /// <summary>The one object of the text, which must load and validate cleanly.</summary>
    public static T Load<T>(string yaml) where T : KubeObject
    {
        var load = ManifestLoader.Load(yaml, "test.yaml");
        load.Errors.Should().BeEmpty();
        var obj = load.Objects.Should().ContainSingle().Which;
        Validators.Validate([obj]).Should().BeEmpty();
        return obj.Object.Should().BeOfType<T>().Which;
    }

    /// <summary>Writes an object as YAML, reads it back, and checks nothing was lost or changed.</summary>
    public static T RoundTrip<T>(T obj) where T : KubeObject
    {
        var yaml = NodeWriter.ToYaml(Binder.Write(obj));
        var again = Load<T>(yaml);
        Binder.CanonicalJson(again).Should().Be(Binder.CanonicalJson(obj));
        return again;
    }

    /// <summary>
    /// The fields of the objects' shape left unset in all of them: rich examples that leave none
    /// exercise every field of the model (several objects cover fields that exclude each other).
    /// Maps and lists count as set when any element sets the field.
    /// </summary>
    public static IReadOnlyList<string> UnsetFields(params object[] objects)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        var all = new HashSet<string>(StringComparer.Ordinal);
        foreach (var obj in objects)
            Walk(obj, Shapes.For(obj.GetType()), "", set, all, []);
        return all.Except(set).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>Every object of a multi-document text, which must load and validate cleanly.</summary>
    public static IReadOnlyList<KubeObject> LoadAll(string yaml)
    {
        var load = ManifestLoader.Load(yaml, "test.yaml");
        load.Errors.Should().BeEmpty();
        Validators.Validate(load.Objects).Should().BeEmpty();
        return load.Objects.Select(o => o.Object).ToList();
    }

    private static void Walk(object value, ValueShape shape, string path, HashSet<string> set, HashSet<string> all, HashSet<Type> onPath)
    {
        switch (shape)
        {
            case ObjectShape obj:
                if (!onPath.Add(obj.Type))
                    return;
                foreach (var f in obj.Fields)
                {
                    var p = path.Length == 0 ? f.WireName : path + "." + f.WireName;
                    if (path.Length == 0 && f.WireName is "apiVersion" or "kind" or "metadata" or "status")
                        continue;
                    all.Add(p);
                    if (f.Property.GetValue(value) is { } v)
                    {
                        set.Add(p);
                        Walk(v, f.Shape, p, set, all, onPath);
                    }
                }
                onPath.Remove(obj.Type);
                break;
            case ValueShape when value is IDictionary dict:
                foreach (DictionaryEntry e in dict)
                    if (e.Value is not null)
                        Walk(e.Value, Shapes.For(e.Value.GetType()), path + "[*]", set, all, onPath);
                break;
            case ValueShape when value is IEnumerable list and not string:
                foreach (var item in list)
                    if (item is not null)
                        Walk(item, Shapes.For(item.GetType()), path + "[*]", set, all, onPath);
                break;
        }
    }
}
