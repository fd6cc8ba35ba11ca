using System.CommandLine;
using System.Text;
using Weft.Api.Documents;
using Weft.Cli.Http;

namespace Weft.Cli.Commands;

/// <summary>`weft describe KIND NAME [-n NS]`: an object in kubectl's describe layout, with its validation findings.</summary>
public static class DescribeCommand
{
    public static Command Create(CliEnvironment env)
    {
        var kind = new Argument<string>("KIND") { Description = "Kind (short name, kind or plural)" };
        var name = new Argument<string>("NAME") { Description = "Object name" };
        var ns = CommonOptions.Namespace();
        var command = new Command("describe", "Show one resource in detail, with its validation messages") { kind, name, ns };
        command.SetAction(async (r, ct) =>
        {
            using var client = CommonOptions.Client(r, env);
            var k = await KindResolver.ResolveAsync(r.GetValue(kind)!, client, ct);
            MapNode obj;
            try
            {
                obj = (MapNode)await client.GetAsync(ApiClient.ObjectPath(k, r.GetValue(ns) ?? client.Config.Namespace, r.GetValue(name)!), ct);
            }
            catch (ApiException ex)
            {
                throw new CliException(ex.Describe());
            }
            await env.Out.WriteAsync(Render(obj));
            return ExitCodes.Ok;
        });
        return command;
    }

    public static string Render(MapNode obj)
    {
        var meta = obj.GetMap("metadata") ?? new MapNode([]);
        var sb = new StringBuilder();
        Line(sb, "Name:", meta.GetString("name") ?? "");
        if (meta.GetString("namespace") is { } ns)
            Line(sb, "Namespace:", ns);
        Pairs(sb, "Labels:", meta.GetMap("labels"));
        Pairs(sb, "Annotations:", meta.GetMap("annotations"));
        Line(sb, "API Version:", obj.GetString("apiVersion") ?? "");
        Line(sb, "Kind:", obj.GetString("kind") ?? "");
        sb.Append("Metadata:\n");
        Line(sb, "  Creation Timestamp:", meta.GetString("creationTimestamp") ?? "");
        Line(sb, "  Generation:", meta.GetString("generation") ?? "");
        Line(sb, "  Resource Version:", meta.GetString("resourceVersion") ?? "");
        Line(sb, "  UID:", meta.GetString("uid") ?? "");
        foreach (var e in obj.Entries)
        {
            if (e.Key.Value is "apiVersion" or "kind" or "metadata" or "status")
                continue;
            Block(sb, Title(e.Key.Value) + ":", e.Value);
        }
        var status = obj.GetMap("status");
        if (status is { Entries.Count: > 0 })
            Block(sb, "Status:", status);
        sb.Append("Events:  <none>\n");
        return sb.ToString();
    }

    private static void Line(StringBuilder sb, string label, string value) => sb.Append(label.PadRight(14)).Append(value).Append('\n');

    private static void Pairs(StringBuilder sb, string label, MapNode? map)
    {
        if (map is null || map.Entries.Count == 0)
        {
            Line(sb, label, "<none>");
            return;
        }
        var first = true;
        foreach (var e in map.Entries)
        {
            Line(sb, first ? label : "", $"{e.Key.Value}={e.Value}");
            first = false;
        }
    }

    private static void Block(StringBuilder sb, string label, Node value)
    {
        if (value is ScalarNode s)
        {
            Line(sb, label, s.Value);
            return;
        }
        sb.Append(label).Append('\n');
        foreach (var line in NodeWriter.ToYaml(value).TrimEnd('\n').Split('\n'))
            sb.Append("  ").Append(line).Append('\n');
    }

    private static string Title(string key) => key.Length == 0 ? key : char.ToUpperInvariant(key[0]) + key[1..];
}
