using System.CommandLine;
using Weft.Api.Documents;
using Weft.Api.Kinds;
using Weft.Cli.Http;
using Weft.Cli.Output;

namespace Weft.Cli.Commands;

/// <summary>`weft get KIND [NAME] [-n NS|-A] [-o yaml|json|wide|name] [-l SELECTOR]`, as kubectl.</summary>
public static class GetCommand
{
    public static Command Create(CliEnvironment env)
    {
        var kind = new Argument<string>("KIND") { Description = "Kind: short name (vs, dr, gw, se, we, wg, ap, pa, ra, svc, ns, httproute, smmr), kind or plural" };
        var name = new Argument<string?>("NAME") { Description = "One object's name", Arity = ArgumentArity.ZeroOrOne };
        var ns = CommonOptions.Namespace();
        var all = CommonOptions.AllNamespaces();
        var output = new Option<string?>("--output", "-o") { Description = "yaml, json, wide or name" };
        output.AcceptOnlyFromAmong("yaml", "json", "wide", "name");
        var selector = new Option<string?>("--selector", "-l") { Description = "Label selector (app=reviews, version!=v1, tier in (a,b), !canary)" };
        var command = new Command("get", "List resources, or show one") { kind, name, ns, all, output, selector };
        command.SetAction((r, ct) => RunAsync(env, r, r.GetValue(kind)!, r.GetValue(name), r.GetValue(ns), r.GetValue(all), r.GetValue(output), r.GetValue(selector), ct));
        return command;
    }

    private static async Task<int> RunAsync(CliEnvironment env, ParseResult r, string kindName, string? name, string? ns, bool all, string? output, string? selector, CancellationToken ct)
    {
        if (WorkloadListCommand.Handles(kindName) && name is null && output is null)
            return await WorkloadListCommand.RunAsync(env, CommonOptions.Config(r, env), ns, all, ct);
        using var client = CommonOptions.Client(r, env);
        var kind = await KindResolver.ResolveAsync(kindName, client, ct);
        var effectiveNs = ns ?? client.Config.Namespace;
        if (name is not null)
        {
            Node obj;
            try
            {
                obj = await client.GetAsync(ApiClient.ObjectPath(kind, effectiveNs, name), ct);
            }
            catch (ApiException ex)
            {
                throw new CliException(ex.Describe());
            }
            await PrintAsync(env, kind, [(MapNode)obj], output, showNamespace: false, single: true);
            return ExitCodes.Ok;
        }
        var path = ApiClient.CollectionPath(kind, all || !kind.Namespaced ? null : effectiveNs);
        if (selector is not null)
            path += "?labelSelector=" + Uri.EscapeDataString(selector);
        Node list;
        try
        {
            list = await client.GetAsync(path, ct);
        }
        catch (ApiException ex)
        {
            throw new CliException(ex.Describe());
        }
        var items = ((list as MapNode)?["items"] as SeqNode)?.Items.OfType<MapNode>().ToList() ?? [];
        if (items.Count == 0 && output is null or "wide" or "name")
        {
            await env.Error.WriteLineAsync(kind.Namespaced && !all ? $"No resources found in {effectiveNs} namespace." : "No resources found");
            return ExitCodes.Ok;
        }
        await PrintAsync(env, kind, items, output, showNamespace: all && kind.Namespaced, single: false);
        return ExitCodes.Ok;
    }

    private static async Task PrintAsync(CliEnvironment env, KindInfo kind, IReadOnlyList<MapNode> items, string? output, bool showNamespace, bool single)
    {
        switch (output)
        {
            case "yaml":
                await env.Out.WriteAsync(NodeWriter.ToYaml(single ? items[0] : AsList(items)));
                return;
            case "json":
                await env.Out.WriteLineAsync(NodeWriter.ToJson(single ? items[0] : AsList(items)));
                return;
            case "name":
                foreach (var o in items)
                    await env.Out.WriteLineAsync(ManifestInput.DisplayName(kind, o.GetMap("metadata")?.GetString("name") ?? ""));
                return;
        }
        var wide = output == "wide";
        var columns = KindColumns.For(kind).Where(c => wide || !c.WideOnly).ToList();
        var headers = columns.Select(c => c.Header).ToList();
        if (showNamespace)
            headers.Insert(0, "NAMESPACE");
        var table = new Table(headers);
        var now = env.Time.GetUtcNow();
        foreach (var o in items)
        {
            var cells = columns.Select(c => c.Cell(o, now)).ToList();
            if (showNamespace)
                cells.Insert(0, o.GetMap("metadata")?.GetString("namespace") ?? "");
            table.Add([.. cells]);
        }
        await env.Out.WriteAsync(table.ToString());
    }

    private static MapNode AsList(IReadOnlyList<MapNode> items) => MapNode.Of(
        ("apiVersion", ScalarNode.String("v1")),
        ("items", new SeqNode(items.ToList<Node>())),
        ("kind", ScalarNode.String("List")),
        ("metadata", MapNode.Of(("resourceVersion", ScalarNode.String("")))));
}
