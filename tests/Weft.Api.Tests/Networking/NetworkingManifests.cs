using System.Collections;
using Weft.Api.Binding;
using Weft.Api.Documents;
using Weft.Api.Loading;
using Weft.Api.Model.Meta;
using Weft.Api.Tests.Security;
using Weft.Api.Validation;

namespace Weft.Api.Tests.Networking;

/// <summary>Manifest helpers for the networking tests, on top of the shared <see cref="Manifests"/>.</summary>
internal static class NetworkingManifests
{
    /// <summary>A manifest of a networking.istio.io kind named <c>test</c> in namespace <c>travel</c>, with the given spec lines.</summary>
    public static string Doc(string kind, string spec, string version = "v1") =>
        $"apiVersion: networking.istio.io/{version}\nkind: {kind}\nmetadata:\n  name: test\n  namespace: travel\nspec:\n{Indent(spec)}";

    /// <summary>Writes an object as YAML and as JSON; each reads back to the same canonical JSON.</summary>
    public static void RoundTrips<T>(T obj) where T : KubeObject
    {
        Manifests.RoundTrip(obj);
        var json = NodeWriter.ToJson(Binder.Write(obj));
        var again = Manifests.Load<T>(json);
        Binder.CanonicalJson(again).Should().Be(Binder.CanonicalJson(obj));
    }

    /// <summary>Every problem of a text, placed in it: load errors, then validation errors.</summary>
    public static IReadOnlyList<Diagnostic> Diagnostics(string yaml)
    {
        var load = ManifestLoader.Load(yaml, "test.yaml");
        return [.. load.Errors, .. Validators.Validate(load.Objects)];
    }

    /// <summary>
    /// The fields (<c>Type.field</c>) of every record reachable from the objects' shape that none of
    /// them sets: rich examples that leave none exercise every field of the model, wherever the
    /// record is used (a TrafficPolicy at the top or in a subset counts once).
    /// </summary>
    public static IReadOnlyList<string> UnsetTypeFields(params object[] objects)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        var all = new HashSet<string>(StringComparer.Ordinal);
        var seen = new HashSet<Type>();
        foreach (var obj in objects)
        {
            Declare(Shapes.For(obj.GetType()), all, seen);
            Walk(obj, Shapes.For(obj.GetType()), set);
        }
        return all.Except(set).Order(StringComparer.Ordinal).ToList();
    }

    private static void Declare(ValueShape shape, HashSet<string> all, HashSet<Type> seen)
    {
        switch (shape)
        {
            case ObjectShape obj when seen.Add(obj.Type):
                foreach (var f in obj.Fields)
                {
                    if (f.WireName is "apiVersion" or "kind" or "metadata" or "status")
                        continue;
                    all.Add($"{obj.Type.Name}.{f.WireName}");
                    Declare(f.Shape, all, seen);
                }
                break;
            case ListShape list:
                Declare(list.Element, all, seen);
                break;
            case MapShape map:
                Declare(map.Value, all, seen);
                break;
        }
    }

    private static void Walk(object value, ValueShape shape, HashSet<string> set)
    {
        switch (shape)
        {
            case ObjectShape obj:
                foreach (var f in obj.Fields)
                {
                    if (f.Property.GetValue(value) is not { } v)
                        continue;
                    set.Add($"{obj.Type.Name}.{f.WireName}");
                    Walk(v, f.Shape, set);
                }
                break;
            case ListShape list:
                foreach (var item in (IEnumerable)value)
                    if (item is not null)
                        Walk(item, list.Element, set);
                break;
            case MapShape map:
                foreach (DictionaryEntry e in (IDictionary)value)
                    if (e.Value is not null)
                        Walk(e.Value, map.Value, set);
                break;
        }
    }

    private static string Indent(string text) =>
        string.Join("\n", text.Split('\n').Select(l => l.Length == 0 ? l : "  " + l)) + "\n";
}
