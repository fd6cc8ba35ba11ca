using Weft.Api.Model.GatewayApi;
using Weft.Api.Validation.Core;
using static Weft.Api.Validation.GatewayApi.GatewayApiFields;

namespace Weft.Api.Validation.GatewayApi;

/// <summary>The listeners of a Gateway or a ListenerSet, which share their shape and rules.</summary>
internal static class Listeners
{
    private static readonly string[] RouteNamespaceFroms = ["All", "Selector", "Same"];

    public static void Check(List<FieldError> e, string at, IReadOnlyList<Listener>? listeners)
    {
        if (listeners is null)
        {
            e.Add(OpenApi.Required(at));
            return;
        }
        e.AddIf(OpenApi.Items(at, listeners.Count, 1, 64));
        for (var i = 0; i < listeners.Count; i++)
            One(e, FieldPath.Index(at, i), listeners[i]);
        e.AddRange(OpenApi.UniqueKeys(at, listeners, "name", l => l.Name));

        if (listeners.Any(l => l.Protocol is "HTTP" or "TCP" or "UDP" && l.Tls is not null))
            e.Add(OpenApi.Rule(at, "array", "tls must not be specified for protocols ['HTTP', 'TCP', 'UDP']"));
        if (listeners.Any(l => l.Protocol == "HTTPS" && l.Tls is { Mode: not (null or TLSModeType.Terminate) }))
            e.Add(OpenApi.Rule(at, "array", "tls mode must be Terminate for protocol HTTPS"));
        // A TLS listener's tls.mode defaults to Terminate once tls is there: only tls itself is needed.
        if (listeners.Any(l => l.Protocol == "TLS" && l.Tls is null))
            e.Add(OpenApi.Rule(at, "array", "tls mode must be set for protocol TLS"));
        if (listeners.Any(l => l.Protocol is "TCP" or "UDP" && !string.IsNullOrEmpty(l.Hostname)))
            e.Add(OpenApi.Rule(at, "array", "hostname must not be specified for protocols ['TCP', 'UDP']"));
        if (listeners.Any(l1 => listeners.Count(l2 => l1.Name == l2.Name) != 1))
            e.Add(OpenApi.Rule(at, "array", "Listener name must be unique within the Gateway"));
        if (listeners.Any(l1 => listeners.Count(l2 => l1.Port == l2.Port && l1.Protocol == l2.Protocol && l1.Hostname == l2.Hostname) != 1))
            e.Add(OpenApi.Rule(at, "array", "Combination of port, protocol and hostname must be unique for each listener"));
    }

    private static void One(List<FieldError> e, string at, Listener l)
    {
        Require(e, FieldPath.Child(at, "name"), l.Name, SectionName);
        e.AddIf(Hostname(FieldPath.Child(at, "hostname"), l.Hostname));
        Require(e, FieldPath.Child(at, "port"), l.Port, Port);
        Require(e, FieldPath.Child(at, "protocol"), l.Protocol, (p, v) => OpenApi.String(p, v, 1, 255, GatewayApiPatterns.Protocol));
        if (l.Tls is { } tls)
        {
            var path = FieldPath.Child(at, "tls");
            if (tls.CertificateRefs is { } refs)
            {
                var refsPath = FieldPath.Child(path, "certificateRefs");
                e.AddIf(OpenApi.Items(refsPath, refs.Count, maxItems: 64));
                for (var i = 0; i < refs.Count; i++)
                    References.Secret(e, FieldPath.Index(refsPath, i), refs[i]);
            }
            TlsOptions(e, FieldPath.Child(path, "options"), tls.Options);
            if ((tls.Mode ?? TLSModeType.Terminate) == TLSModeType.Terminate && (tls.CertificateRefs?.Count ?? 0) == 0 && (tls.Options?.Count ?? 0) == 0)
                e.Add(OpenApi.Rule(path, "object", "certificateRefs or options must be specified when mode is Terminate"));
        }
        if (l.AllowedRoutes is { } allowed)
        {
            var path = FieldPath.Child(at, "allowedRoutes");
            if (allowed.Namespaces is { } ns)
            {
                var nsPath = FieldPath.Child(path, "namespaces");
                if (ns.From == FromNamespaces.None)
                    e.Add(OpenApi.Enum(FieldPath.Child(nsPath, "from"), "None", RouteNamespaceFroms));
                e.AddRange(LabelSelectorRules.Validate(FieldPath.Child(nsPath, "selector"), ns.Selector));
            }
            if (allowed.Kinds is { } kinds)
            {
                var kindsPath = FieldPath.Child(path, "kinds");
                e.AddIf(OpenApi.Items(kindsPath, kinds.Count, maxItems: 8));
                for (var i = 0; i < kinds.Count; i++)
                    References.RouteKind(e, FieldPath.Index(kindsPath, i), kinds[i]);
            }
        }
    }
}
