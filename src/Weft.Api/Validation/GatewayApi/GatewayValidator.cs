using Weft.Api.Model.GatewayApi;
using Weft.Api.Validation.Core;
using static Weft.Api.Validation.GatewayApi.GatewayApiFields;

namespace Weft.Api.Validation.GatewayApi;

/// <summary>
/// Gateway (gateway.networking.k8s.io) as its CRD validates it: listeners (protocol and TLS
/// combinations, unique names and port/protocol/hostname), addresses, infrastructure labels and
/// annotations, frontend and backend TLS.
/// </summary>
public sealed class GatewayValidator : KindValidator<Gateway>
{
    private const string HostnameValueMessage =
        @"Hostname value must be empty or contain only valid characters (matching ^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$)";

    public override IEnumerable<FieldError> Validate(Gateway obj, ValidationContext ctx)
    {
        var e = new List<FieldError>();
        if (obj.Spec is not { } spec)
            return [OpenApi.Required("spec")];
        Require(e, "spec.gatewayClassName", spec.GatewayClassName, (p, v) => OpenApi.String(p, v, 1, 253));
        Listeners.Check(e, "spec.listeners", spec.Listeners);
        if (spec.Addresses is { } addresses)
            Addresses(e, "spec.addresses", addresses);
        if (spec.Infrastructure is { } infra)
            Infrastructure(e, "spec.infrastructure", infra);
        if (spec.AllowedListeners?.Namespaces?.Selector is { } selector)
            e.AddRange(LabelSelectorRules.Validate("spec.allowedListeners.namespaces.selector", selector));
        if (spec.Tls is { } tls)
            Tls(e, "spec.tls", tls);
        return e;
    }

    private static void Addresses(List<FieldError> e, string at, IReadOnlyList<GatewaySpecAddress> addresses)
    {
        e.AddIf(OpenApi.Items(at, addresses.Count, maxItems: 16));
        for (var i = 0; i < addresses.Count; i++)
        {
            var a = addresses[i];
            var path = FieldPath.Index(at, i);
            e.AddIf(OpenApi.String(FieldPath.Child(path, "type"), a.Type, 1, 253, GatewayApiPatterns.AddressType));
            e.AddIf(OpenApi.String(FieldPath.Child(path, "value"), a.Value, maxLength: 253));
            if (a.TypeOrDefault == "Hostname" && a.Value is { } v && !GatewayApiPatterns.Hostname.IsMatch(v))
                e.Add(OpenApi.Rule(path, "object", HostnameValueMessage));
        }
        foreach (var type in (string[])["IPAddress", "Hostname"])
        {
            var values = addresses.Where(a => a.TypeOrDefault == type && a.Value is not null).Select(a => a.Value).ToList();
            if (values.Count != values.Distinct(StringComparer.Ordinal).Count())
                e.Add(OpenApi.Rule(at, "array", $"{type} values must be unique"));
        }
    }

    private static void Infrastructure(List<FieldError> e, string at, GatewayInfrastructure infra)
    {
        if (infra.Labels is { } labels)
        {
            var path = FieldPath.Child(at, "labels");
            e.AddIf(OpenApi.Properties(path, labels.Count, 8));
            foreach (var (k, v) in labels)
                e.AddIf(OpenApi.String(FieldPath.Key(path, k), v, 0, 63, GatewayApiPatterns.LabelValue));
            MetadataKeys(e, path, labels.Keys, "label");
        }
        if (infra.Annotations is { } annotations)
        {
            var path = FieldPath.Child(at, "annotations");
            e.AddIf(OpenApi.Properties(path, annotations.Count, 16));
            foreach (var (k, v) in annotations)
                e.AddIf(OpenApi.String(FieldPath.Key(path, k), v, 0, 4096));
            MetadataKeys(e, path, annotations.Keys, "annotation");
        }
        if (infra.ParametersRef is { } parameters)
            References.LocalParameters(e, FieldPath.Child(at, "parametersRef"), parameters);
    }

    private static void MetadataKeys(List<FieldError> e, string at, IEnumerable<string> keys, string what)
    {
        var list = keys.ToList();
        var title = char.ToUpperInvariant(what[0]) + what[1..];
        if (!list.All(k => GatewayApiPatterns.MetadataKey().IsMatch(k)))
            e.Add(OpenApi.Rule(at, "object", $"{title} keys must be in the form of an optional DNS subdomain prefix followed by a required name segment of up to 63 characters."));
        if (!list.All(k => k.Split('/')[0].Length < 253))
            e.Add(OpenApi.Rule(at, "object", $"If specified, the {what} key's prefix must be a DNS subdomain not longer than 253 characters in total."));
    }

    private static void Tls(List<FieldError> e, string at, GatewayTLSConfig tls)
    {
        if (tls.Backend?.ClientCertificateRef is { } client)
            References.Secret(e, FieldPath.Child(FieldPath.Child(at, "backend"), "clientCertificateRef"), client);
        if (tls.Frontend is not { } frontend)
            return;
        var path = FieldPath.Child(at, "frontend");
        if (frontend.Default is null)
            e.Add(OpenApi.Required(FieldPath.Child(path, "default")));
        else
            TlsConfig(e, FieldPath.Child(path, "default"), frontend.Default);
        if (frontend.PerPort is { } perPort)
        {
            var portsPath = FieldPath.Child(path, "perPort");
            e.AddIf(OpenApi.Items(portsPath, perPort.Count, maxItems: 64));
            for (var i = 0; i < perPort.Count; i++)
            {
                var item = FieldPath.Index(portsPath, i);
                Require(e, FieldPath.Child(item, "port"), perPort[i].Port, Port);
                if (perPort[i].Tls is null)
                    e.Add(OpenApi.Required(FieldPath.Child(item, "tls")));
                else
                    TlsConfig(e, FieldPath.Child(item, "tls"), perPort[i].Tls!);
            }
            e.AddRange(OpenApi.UniqueKeys(portsPath, perPort, "port", p => p.Port));
            if (perPort.Any(p1 => perPort.Count(p2 => p1.Port == p2.Port) != 1))
                e.Add(OpenApi.Rule(portsPath, "array", "Port for TLS configuration must be unique within the Gateway"));
        }
    }

    private static void TlsConfig(List<FieldError> e, string at, TLSConfig config)
    {
        if (config.Validation is not { } validation)
            return;
        var path = FieldPath.Child(at, "validation");
        var refsPath = FieldPath.Child(path, "caCertificateRefs");
        if (validation.CaCertificateRefs is not { } refs)
        {
            e.Add(OpenApi.Required(refsPath));
            return;
        }
        e.AddIf(OpenApi.Items(refsPath, refs.Count, 1, 16));
        for (var i = 0; i < refs.Count; i++)
            References.Object(e, FieldPath.Index(refsPath, i), refs[i]);
    }
}
