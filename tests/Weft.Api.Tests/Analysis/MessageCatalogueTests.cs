using System.Reflection;
using System.Text.RegularExpressions;
using Weft.Api.Analysis;
using Weft.Api.Documents;
using Weft.Testing;

namespace Weft.Api.Tests.Analysis;

/// <summary>Weft's messages are Istio's: the same code, name, level and wording as Istio's messages.yaml.</summary>
public partial class MessageCatalogueTests
{
    private static IReadOnlyList<MessageType> Catalogue() =>
        typeof(Messages).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(MessageType)).Select(f => (MessageType)f.GetValue(null)!).ToList();

    [Fact]
    public void Every_message_has_istio_code_name_level_and_wording()
    {
        var path = Path.Combine(Repo.RequireCorpus(AnalyzerCorpus.Folder), "messages.yaml");
        var (docs, errors) = DocumentReader.Read(File.ReadAllText(path), path);
        errors.Should().BeEmpty();
        var istio = ((docs.Single().Root as MapNode)!["messages"] as SeqNode)!.Items.OfType<MapNode>()
            .ToDictionary(m => m.GetString("name")!, m => m);

        foreach (var m in Catalogue())
        {
            istio.Should().ContainKey(m.Name);
            var entry = istio[m.Name];
            m.Code.Should().Be(entry.GetString("code"), m.Name);
            m.Level.ToString().Should().Be(entry.GetString("level"), m.Name);
            m.Template.Should().Be(AsWeftTemplate(entry.GetString("template")!), m.Name);
        }
    }

    [Fact]
    public void Codes_and_names_are_unique()
    {
        Catalogue().Select(m => m.Code).Should().OnlyHaveUniqueItems();
        Catalogue().Select(m => m.Name).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public void Arguments_render_as_go_renders_them()
    {
        Messages.ReferencedResourceNotFound.Format("host", "say \"hi\"\\").Should().Be("Referenced host not found: \"say \\\"hi\\\"\\\\\"");
        Messages.ConflictingSidecarWorkloadSelectors.Format(new List<string> { "a", "b" }, "ns", "pod")
            .Should().Be("The Sidecars [a b] in namespace \"ns\" select the same workload pod \"pod\", which can lead to undefined behavior.");
        Messages.VirtualServiceDestinationPortSelectorRequired.Format("multi", new uint[] { 80, 443 })
            .Should().Be("This VirtualService routes to a service \"multi\" that exposes multiple ports [80 443]. Specifying a port in the destination is required to disambiguate.");
    }

    /// <summary>Istio's <c>%s</c>, <c>%v</c>, <c>%d</c> become <c>{n}</c>, and <c>%q</c> becomes <c>{n:q}</c>.</summary>
    private static string AsWeftTemplate(string go)
    {
        var n = 0;
        return GoVerb().Replace(go, m => m.Value == "%q" ? $"{{{n++}:q}}" : $"{{{n++}}}");
    }

    [GeneratedRegex("%[svqd]")]
    private static partial Regex GoVerb();
}
