using System.Collections.Immutable;
using Weft.Api.Loading;
using Weft.Api.Model.Mesh;
using Weft.ControlPlane.Config;
using Weft.ControlPlane.Translation;
using Weft.Discovery.Snapshot;

namespace Weft.ControlPlane.Tests.Translation;

/// <summary>YAML in, a push context out, as weftd builds it from what is stored.</summary>
internal static class TranslationFixture
{
    public static string GoldenDir => Path.Combine(Weft.Testing.Repo.Root, "tests", "Weft.ControlPlane.Tests", "Translation", "Golden");

    public static ConfigSnapshot Load(string yaml, long revision = 7)
    {
        var loaded = ManifestLoader.Load(yaml, "test.yaml");
        loaded.Errors.Should().BeEmpty("the test's YAML must load");
        var i = 0;
        var objects = loaded.Objects.Select(o =>
        {
            // The store puts namespaced objects without a namespace into "default", as weftd does.
            var obj = o.Kind.Namespaced && string.IsNullOrEmpty(o.Object.Metadata.Namespace)
                ? o.Object with { Metadata = o.Object.Metadata with { Namespace = "default" } }
                : o.Object;
            // Creation order is document order, so "oldest first" is what the file says first.
            obj = obj with { Metadata = obj.Metadata with { CreationTimestamp = $"2025-01-01T00:00:{i++:00}Z" } };
            return new StoredConfig(obj, o.Kind, $"/registry/{o.Kind.Group}/{o.Kind.Plural}/{obj.Namespace}/{obj.Name}", revision);
        });
        return new ConfigSnapshot(revision, [.. objects]);
    }

    public static PushContext Push(string yaml, MeshConfig? mesh = null)
    {
        var config = Load(yaml);
        return PushContext.Build(config, MeshConfigSource.FromConfig(mesh ?? new MeshConfig()).For(config));
    }

    public static PushContext PushFromFile(string name, MeshConfig? mesh = null) => Push(File.ReadAllText(Path.Combine(GoldenDir, name)), mesh);

    public static NodeInfo Node(string name, string ns, string address, string labels = "", params (int Port, int AppPort)[] inbound) => new()
    {
        Name = name,
        Namespace = ns,
        Address = address,
        Labels = labels.Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(kv => kv.Split('='))
            .ToImmutableSortedDictionary(kv => kv[0], kv => kv[1], StringComparer.Ordinal),
        ProxyVersion = "test",
        AdminAddress = address + ":15000",
        InboundPorts = [.. inbound.Select(p => new InboundPortMapping(p.Port, "127.0.0.1", p.AppPort))],
    };
}
