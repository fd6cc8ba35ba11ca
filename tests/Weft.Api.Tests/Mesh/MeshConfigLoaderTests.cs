using Weft.Api.Binding;
using Weft.Api.Documents;
using Weft.Api.Loading;
using Weft.Api.Mesh;
using Weft.Api.Model;
using Weft.Api.Model.Mesh;
using Weft.Api.Tests.Security;

namespace Weft.Api.Tests.Mesh;

public class MeshConfigLoaderTests
{
    private static MeshConfig Load(string yaml)
    {
        var result = MeshConfigLoader.Load(yaml, "mesh.yaml");
        result.Errors.Select(e => e.ToString()).Should().BeEmpty();
        return result.Value!;
    }

    private static IReadOnlyList<string> Errors(string yaml) =>
        MeshConfigLoader.Load(yaml, "mesh.yaml").Errors.Select(e => e.Message).ToList();

    [Fact]
    public void An_empty_document_gives_istios_defaults()
    {
        var mesh = Load("");
        mesh.TrustDomain.Should().Be("cluster.local");
        mesh.RootNamespace.Should().Be("istio-system");
        mesh.EnableAutoMtls.Should().BeTrue();
        mesh.EnableTracing.Should().BeTrue();
        mesh.OutboundTrafficPolicy!.Mode.Should().Be(OutboundTrafficMode.AllowAny);
        mesh.InboundTrafficPolicy!.Mode.Should().Be(InboundTrafficMode.Passthrough);
        mesh.ConnectTimeout.Should().Be(new Duration("10s"));
        mesh.ProxyListenPort.Should().Be(15001);
        mesh.ProxyInboundListenPort.Should().Be(15006);
        mesh.IngressControllerMode.Should().Be(IngressControllerMode.Strict);
        mesh.IngressService.Should().Be("istio-ingressgateway");
        mesh.DefaultServiceExportTo.Should().Equal("*");
        mesh.LocalityLbSetting!.Enabled.Should().BeTrue();
        mesh.ExtensionProviders!.Select(p => p.Name).Should().Equal("prometheus", "stackdriver", "envoy");
        mesh.DefaultConfig!.ProxyAdminPort.Should().Be(15000);
        mesh.DefaultConfig.StatusPort.Should().Be(15020);
        mesh.DefaultConfig.ServiceCluster.Should().Be("istio-proxy");
        mesh.DefaultConfig.Tracing!.Zipkin!.Address.Should().Be("zipkin.istio-system:9411");
    }

    [Fact]
    public void Written_fields_replace_defaults_whole_but_default_config_is_merged_field_by_field()
    {
        var mesh = Load("""
            outboundTrafficPolicy: {mode: REGISTRY_ONLY}
            trustDomain: travels.example
            defaultConfig:
              holdApplicationUntilProxyStarts: true
              tracing:
                sampling: 5
            """);
        mesh.OutboundTrafficPolicy!.Mode.Should().Be(OutboundTrafficMode.RegistryOnly);
        mesh.TrustDomain.Should().Be("travels.example");
        mesh.DefaultConfig!.HoldApplicationUntilProxyStarts.Should().BeTrue();
        mesh.DefaultConfig.DiscoveryAddress.Should().Be("istiod.istio-system.svc:15012", "unwritten proxy fields keep their defaults");
        mesh.DefaultConfig.Tracing!.Sampling.Should().Be(5);
        mesh.DefaultConfig.Tracing.Zipkin.Should().BeNull("a written tracing replaces the default tracing whole, as in Istio");
    }

    [Fact]
    public void A_provider_named_like_a_default_replaces_it_in_place()
    {
        var mesh = Load("""
            extensionProviders:
            - name: otel
              opentelemetry: {service: otel-collector.observability.svc.cluster.local, port: 4317}
            - name: envoy
              envoyFileAccessLog: {path: /var/log/access.log}
            """);
        mesh.ExtensionProviders!.Select(p => p.Name).Should().Equal("prometheus", "stackdriver", "envoy", "otel");
        mesh.ExtensionProviders![2].EnvoyFileAccessLog!.Path.Should().Be("/var/log/access.log");
    }

    [Fact]
    public void Setting_a_tracing_service_name_clears_the_default_service_cluster()
    {
        var pc = Load("defaultConfig: {tracingServiceName: CANONICAL_NAME_ONLY}").DefaultConfig!;
        pc.TracingServiceName.Should().Be(TracingServiceName.CanonicalNameOnly);
        pc.ServiceCluster.Should().BeNull();
    }

    [Fact]
    public void Proto_names_are_read_like_json_names()
    {
        var mesh = Load("""
            trust_domain: td.local
            enable_auto_mtls: false
            mesh_mTLS: {min_protocol_version: TLSV1_3}
            default_config:
              discovery_address: istiod.weft.svc:15012
              proxy_metadata: {ISTIO_META_DNS_CAPTURE: "true"}
            extension_providers:
            - name: zipkin
              zipkin: {service: zipkin.tracing.svc.cluster.local, port: 9411, enable_64bit_trace_id: true}
            """);
        mesh.TrustDomain.Should().Be("td.local");
        mesh.EnableAutoMtls.Should().BeFalse();
        mesh.MeshMtls!.MinProtocolVersion.Should().Be(TlsProtocol.Tlsv13);
        mesh.DefaultConfig!.DiscoveryAddress.Should().Be("istiod.weft.svc:15012");
        mesh.DefaultConfig.ProxyMetadata!["ISTIO_META_DNS_CAPTURE"].Should().Be("true", "map keys are data and keep their spelling");
        mesh.ExtensionProviders!.Single(p => p.Name == "zipkin").Zipkin!.Enable64bitTraceId.Should().BeTrue();
    }

    [Fact]
    public void Trust_domain_aliases_are_united_and_sorted()
    {
        Load("trustDomainAliases: [td3, td2, td3]").TrustDomainAliases.Should().Equal("td2", "td3");
    }

    [Fact]
    public void Null_means_unset_as_in_protobuf_json()
    {
        Load("trustDomain: null\ndefaultConfig: {concurrency: null}").TrustDomain.Should().Be("cluster.local");
    }

    [Fact]
    public void Errors_name_the_file_line_and_field()
    {
        var result = MeshConfigLoader.Load("""
            rootNamespace: istio-system
            defaultConfig:
              discoveryAddress: istiod
            extensionProviders:
            - name: ext-authz
              envoyExtAuthzHttp:
                service: ext-authz.foo.svc.cluster.local
            """, "mesh.yaml");
        result.Value.Should().BeNull();
        result.Errors.Select(e => e.ToString()).Should().Equal(
            "mesh.yaml:3:21: MeshConfig: defaultConfig.discoveryAddress: Invalid value: \"istiod\": must be HOST:PORT",
            "mesh.yaml:7:5: MeshConfig: extensionProviders[0].envoyExtAuthzHttp.port: Required value: the provider's port");
    }

    [Fact]
    public void Unknown_fields_suggest_the_known_one()
    {
        Errors("trustDomian: x").Should().Equal("trustDomian: unknown field \"trustDomian\"; did you mean \"trustDomain\"?");
    }

    public static TheoryData<string, string, string> Invalid() => new()
    {
        { "a trust domain with an underscore", "trustDomain: my_domain", "trustDomain: Invalid value: \"my_domain\": trust domain name \"my_domain\" invalid: \"my_domain\" is not a DNS label" },
        { "an empty trust domain alias", "trustDomainAliases: [\"\"]", "trustDomainAliases[0]: Invalid value: \"\": empty domain name not allowed" },
        { "a connect timeout over 30s", "connectTimeout: 45s", "connectTimeout: Invalid value: \"45s\": must be at most 30s" },
        { "a duration not in seconds", "connectTimeout: 1m", "connectTimeout: Invalid value: \"1m\": a protobuf duration is written in seconds with an \"s\" suffix, such as \"10s\" or \"0.5s\"" },
        { "a drain duration with a fraction of a second", "defaultConfig: {drainDuration: 1.5s}", "defaultConfig.drainDuration: Invalid value: \"1.5s\": drain time only supports durations to seconds precision" },
        { "an outbound mode Istio removed", "outboundTrafficPolicy: {mode: VIRTUAL_SERVICE_ONLY}", "outboundTrafficPolicy.mode: Unsupported value: \"VIRTUAL_SERVICE_ONLY\": supported values: \"REGISTRY_ONLY\", \"ALLOW_ANY\"" },
        { "a proxy listen port of 0", "proxyListenPort: 0", "proxyListenPort: Invalid value: 0: port must be between 1-65535" },
        { "a root namespace with capitals", "rootNamespace: Istio-System", "rootNamespace: Invalid value: \"Istio-System\": " + Validation.Rules.Dns1123LabelMessage },
        { "a provider without a service", "extensionProviders:\n- name: z\n  zipkin: {port: 9411}", "extensionProviders[0].zipkin.service: Required value: the provider's service, [NAMESPACE/]HOSTNAME" },
        { "a provider with two kinds", "extensionProviders:\n- name: z\n  prometheus: {}\n  stackdriver: {}", "extensionProviders[0]: Invalid value: one provider per entry, found stackdriver and prometheus" },
        { "a provider without a kind", "extensionProviders:\n- name: nothing", "extensionProviders[0]: Required value: set one provider: envoyExtAuthzHttp, envoyExtAuthzGrpc, zipkin, lightstep, datadog, stackdriver, opencensus, skywalking, opentelemetry, prometheus, envoyFileAccessLog, envoyHttpAls, envoyTcpAls, envoyOtelAls, sds" },
        { "two providers of one name", "extensionProviders:\n- {name: p, prometheus: {}}\n- {name: p, prometheus: {}}", "extensionProviders[1].name: Duplicate value: \"p\"" },
        { "a lightstep provider without a token", "extensionProviders:\n- name: ls\n  lightstep: {service: ls.svc.cluster.local, port: 443}", "extensionProviders[0].lightstep.accessToken: Required value: access token is required" },
        { "an ext_authz status Envoy does not know", "extensionProviders:\n- name: a\n  envoyExtAuthzGrpc: {service: a.svc.cluster.local, port: 9000, statusOnError: \"600\"}", "extensionProviders[0].envoyExtAuthzGrpc.statusOnError: Invalid value: \"600\": not an HTTP status Envoy knows (such as 403 or 503)" },
        { "an ext_authz path prefix without a slash", "extensionProviders:\n- name: a\n  envoyExtAuthzHttp: {service: a.svc.cluster.local, port: 9000, pathPrefix: check}", "extensionProviders[0].envoyExtAuthzHttp.pathPrefix: Invalid value: \"check\": pathPrefix should begin with '/'" },
        { "an OpenTelemetry provider over both transports", "extensionProviders:\n- name: o\n  opentelemetry: {service: o.svc.cluster.local, port: 4317, http: {path: /v1/traces}, grpc: {}}", "extensionProviders[0].opentelemetry: Invalid value: an OpenTelemetry provider exports over grpc or http, not both" },
        { "a default tracing provider that is not defined", "defaultProviders: {tracing: [jaeger]}", "defaultProviders.tracing[0]: Unsupported value: \"jaeger\": supported values: \"envoy\", \"prometheus\", \"stackdriver\"" },
        { "ECDH curves for mesh mTLS", "meshMTLS: {ecdhCurves: [P-256]}", "meshMTLS.ecdhCurves: Forbidden: mesh TLS does not support ECDH curves configuration" },
        { "a control plane auth policy of INHERIT", "defaultConfig: {controlPlaneAuthPolicy: INHERIT}", "defaultConfig.controlPlaneAuthPolicy: Unsupported value: \"INHERIT\": supported values: \"NONE\", \"MUTUAL_TLS\"" },
        { "a discovery selector with an unknown operator", "discoverySelectors:\n- matchExpressions: [{key: env, operator: Equals, values: [prod]}]", "discoverySelectors[0].matchExpressions[0].operator: Invalid value: \"Equals\": not a valid selector operator" },
        { "a trust anchor with both a PEM and a URL", "caCertificates:\n- {pem: x, spiffeBundleUrl: https://x}", "caCertificates[0]: Invalid value: set pem or spiffeBundleUrl, not both" },
        { "a service setting with a bad host", "serviceSettings:\n- settings: {clusterLocal: true}\n  hosts: [\"foo_bar.com\"]", "serviceSettings[0].hosts[0]: Invalid value: \"foo_bar.com\": domain name \"foo_bar.com\" invalid (label \"foo_bar\" invalid)" },
        { "a field given under both spellings", "trustDomain: a\ntrust_domain: b", "trust_domain: Duplicate value: \"trust_domain\": the same field as \"trustDomain\"" },
        { "two documents", "trustDomain: a\n---\ntrustDomain: b", "a MeshConfig is a single document; found 2" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void An_invalid_mesh_config_is_refused_with_one_precise_error(string why, string yaml, string expected) =>
        Errors(yaml).Should().Equal([expected], why);

    [Fact]
    public void The_mesh_config_is_read_from_the_istio_config_map_with_lines_of_the_manifest()
    {
        const string manifest = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: istio
              namespace: istio-system
            data:
              mesh: |-
                accessLogFile: /dev/stdout
                defaultConfig:
                  discoveryAddress: istiod.istio-system.svc:15012
                  proxyAdminPort: 70000
              meshNetworks: |-
                networks: {}
            """;
        var load = ManifestLoader.Load(manifest, "istio-cm.yaml");
        load.Errors.Should().BeEmpty();
        var cm = MeshConfigLoader.FindConfigMap(load.Objects.Select(o => o.Object));
        cm.Should().NotBeNull();
        var result = MeshConfigLoader.FromConfigMap(load.Objects.Single(), manifest);
        result.Errors.Select(e => e.ToString()).Should().Equal(
            "istio-cm.yaml:11:23: MeshConfig in ConfigMap istio-system/istio data[mesh]: defaultConfig.proxyAdminPort: Invalid value: 70000: port must be between 1-65535");
        MeshNetworksLoader.FromConfigMap(cm!).Value!.Networks.Should().BeEmpty();
    }

    [Fact]
    public void A_config_map_without_the_mesh_key_is_refused()
    {
        var cm = Manifests.LoadAll("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: istio, namespace: istio-system}\ndata: {other: x}\n").Single();
        MeshConfigLoader.FromConfigMap(cm).Errors.Select(e => e.Message).Should().Equal(
            "data[mesh]: Required value: the istio ConfigMap holds these settings as text under the \"mesh\" key");
    }

    [Fact]
    public void The_validation_context_takes_the_root_namespace_and_trust_domain()
    {
        var ctx = MeshValidationContext.For(Load("rootNamespace: mesh-root\ntrustDomain: example.org"));
        (ctx.RootNamespace, ctx.TrustDomain).Should().Be(("mesh-root", "example.org"));
    }

    private const string Rich = """
        proxyListenPort: 15001
        proxyInboundListenPort: 15006
        proxyHttpPort: 15080
        connectTimeout: 5s
        protocolDetectionTimeout: 0.1s
        tcpKeepalive: {probes: 3, time: 7200s, interval: 75s}
        ingressClass: istio
        ingressService: istio-ingressgateway
        ingressControllerMode: DEFAULT
        ingressSelector: ingressgateway
        enableTracing: true
        accessLogFile: /dev/stdout
        accessLogFormat: "[%START_TIME%] %REQ(:METHOD)%\n"
        accessLogEncoding: JSON
        enableEnvoyAccessLogService: false
        disableEnvoyListenerLog: true
        defaultConfig:
          configPath: ./etc/istio/proxy
          binaryPath: /usr/local/bin/envoy
          serviceCluster: istio-proxy
          drainDuration: 45s
          parentShutdownDuration: 60s
          discoveryAddress: istiod.istio-system.svc:15012
          discoveryRefreshDelay: 1s
          zipkinAddress: zipkin.istio-system:9411
          statsdUdpAddress: statsd.monitoring:9125
          envoyMetricsServiceAddress: metrics.monitoring:15000
          proxyAdminPort: 15000
          availabilityZone: eu-west-1a
          controlPlaneAuthPolicy: MUTUAL_TLS
          customConfigFile: /etc/istio/custom.json
          statNameLength: 189
          concurrency: 2
          proxyBootstrapTemplatePath: /var/lib/istio/envoy/custom_bootstrap.json
          interceptionMode: TPROXY
          tracing:
            zipkin: {address: zipkin.istio-system:9411}
            customTags:
              cluster: {literal: {value: east}}
              pod: {environment: {name: POD_NAME, defaultValue: unknown}}
              user: {header: {name: x-user, defaultValue: anonymous}}
            maxPathTagLength: 256
            sampling: 1.0
            tlsSettings: {mode: ISTIO_MUTUAL}
            enableIstioTags: true
          sds: {enabled: true, k8sSaJwtPath: /var/run/secrets/tokens/istio-token}
          envoyAccessLogService: {address: als.monitoring:9000, tlsSettings: {mode: ISTIO_MUTUAL}, tcpKeepalive: {probes: 3}}
          envoyMetricsService: {address: metrics.monitoring:15000, tlsSettings: {mode: DISABLE}, tcpKeepalive: {time: 60s}}
          proxyMetadata: {ISTIO_META_DNS_CAPTURE: "true"}
          runtimeValues: {"overload.global_downstream_max_connections": "50000"}
          statusPort: 15020
          extraStatTags: [request_operation]
          gatewayTopology: {numTrustedProxies: 2, forwardClientCertDetails: SANITIZE_SET, proxyProtocol: {}}
          terminationDrainDuration: 5s
          meshId: travels-mesh
          readinessProbe: {tcpSocket: {port: 8000}, periodSeconds: 5}
          proxyStatsMatcher:
            inclusionPrefixes: [upstream_rq_retry]
            inclusionSuffixes: [upstream_cx_active]
            inclusionRegexps: [".*circuit_breakers.*"]
          holdApplicationUntilProxyStarts: true
          caCertificatesPem: ["-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"]
          image: {imageType: distroless}
          privateKeyProvider: {cryptomb: {pollDelay: 0.01s, fallback: true}}
          proxyHeaders:
            forwardedClientCert: APPEND_FORWARD
            requestId: {disabled: false}
            server: {disabled: false, value: weft}
            attemptCount: {disabled: true}
            envoyDebugHeaders: {disabled: true}
            metadataExchangeHeaders: {mode: IN_MESH}
            setCurrentClientCertDetails: {subject: true, cert: false, chain: false, dns: true, uri: true}
            preserveHttp1HeaderCase: true
            xForwardedHost: {enabled: true}
            xForwardedPort: {enabled: true}
          fileFlushInterval: 1s
          fileFlushMinSizeKb: 64
        outboundTrafficPolicy: {mode: REGISTRY_ONLY}
        inboundTrafficPolicy: {mode: LOCALHOST}
        configSources:
        - address: xds://istiod-remote.istio-system.svc:15010
          tlsSettings: {mode: ISTIO_MUTUAL}
          subscribedResources: [SERVICE_REGISTRY]
        enableAutoMtls: true
        trustDomain: cluster.local
        trustDomainAliases: [old.local]
        caCertificates:
        - pem: "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"
          certSigners: [clusterissuers.cert-manager.io/istio-ca]
          trustDomains: [cluster.local]
        - spiffeBundleUrl: https://bundle.example.com/
        defaultServiceExportTo: ["*"]
        defaultVirtualServiceExportTo: ["."]
        defaultDestinationRuleExportTo: ["*"]
        rootNamespace: istio-system
        localityLbSetting: {enabled: true}
        dnsRefreshRate: 60s
        h2UpgradePolicy: UPGRADE
        inboundClusterStatName: "%SERVICE%_%SERVICE_PORT%"
        outboundClusterStatName: "%SERVICE_FQDN%_%SERVICE_PORT%"
        certificates: [{secretName: dns-cert, dnsNames: [istiod.istio-system.svc]}]
        serviceSettings:
        - settings: {clusterLocal: true}
          hosts: ["*.kube-system.svc.cluster.local"]
        enablePrometheusMerge: true
        verifyCertificateAtClient: true
        ca:
          address: custom-ca.istio-system.svc:8932
          tlsSettings: {mode: DISABLE}
          requestTimeout: 10s
          istiodSide: true
        extensionProviders:
        - name: ext-authz-http
          envoyExtAuthzHttp:
            service: ext-authz.foo.svc.cluster.local
            port: 8000
            timeout: 0.5s
            pathPrefix: /check
            failOpen: false
            statusOnError: "503"
            includeHeadersInCheck: [x-ext-authz]
            includeRequestHeadersInCheck: [authorization]
            includeAdditionalHeadersInCheck: {x-weft: "1"}
            includeRequestBodyInCheck: {maxRequestBytes: 4096, allowPartialMessage: true, packAsBytes: false}
            headersToUpstreamOnAllow: [x-user]
            headersToDownstreamOnDeny: [x-reason]
            headersToDownstreamOnAllow: [x-session]
        - name: ext-authz-grpc
          envoyExtAuthzGrpc:
            service: foo/ext-authz.foo.svc.cluster.local
            port: 9000
            timeout: 1s
            failOpen: true
            statusOnError: "403"
            includeRequestBodyInCheck: {maxRequestBytes: 1024, allowPartialMessage: false, packAsBytes: true}
        - name: zipkin
          zipkin:
            service: zipkin.istio-system.svc.cluster.local
            port: 9411
            maxTagLength: 256
            enable64bitTraceId: true
            path: /api/v2/spans
            traceContextOption: USE_B3_WITH_W3C_PROPAGATION
            timeout: 5s
            headers: [{name: x-tenant, value: travels}, {name: authorization, envName: ZIPKIN_TOKEN}]
        - name: lightstep
          lightstep: {service: lightstep.monitoring.svc.cluster.local, port: 443, accessToken: token, maxTagLength: 256}
        - name: datadog
          datadog: {service: datadog.monitoring.svc.cluster.local, port: 8126, maxTagLength: 256}
        - name: stackdriver
          stackdriver:
            debug: false
            maxNumberOfAttributes: 200
            maxNumberOfAnnotations: 200
            maxNumberOfMessageEvents: 200
            maxTagLength: 256
            logging: {labels: {path: request.url_path}}
        - name: opencensus
          opencensus: {service: oc.monitoring.svc.cluster.local, port: 55678, context: [W3C_TRACE_CONTEXT, B3], maxTagLength: 256}
        - name: skywalking
          skywalking: {service: sw.monitoring.svc.cluster.local, port: 11800, accessToken: sw-token}
        - name: otel-http
          opentelemetry:
            service: otel.observability.svc.cluster.local
            port: 4318
            maxTagLength: 256
            http: {path: /v1/traces, timeout: 3s, headers: [{name: x-api-key, envName: OTEL_KEY}, {name: x-tenant, value: travels}]}
            resourceDetectors: {environment: {}, dynatrace: {}}
            dynatraceSampler:
              tenant: abc12345
              clusterId: -1234
              httpService: {service: dt.example.com, port: 443, http: {path: /api/v2/samplingConfiguration, timeout: 10s, headers: [{name: Authorization, envName: DT_TOKEN}, {name: x-tenant, value: travels}]}}
              rootSpansPerMinute: 1000
        - name: otel-grpc
          opentelemetry:
            service: otel.observability.svc.cluster.local
            port: 4317
            grpc: {timeout: 3s, initialMetadata: [{name: x-tenant, value: travels}, {name: authorization, envName: OTEL_TOKEN}]}
        - name: prometheus
          prometheus: {}
        - name: envoy-text
          envoyFileAccessLog: {path: /dev/stdout, logFormat: {text: "%REQ(:PATH)%\n"}}
        - name: envoy-json
          envoyFileAccessLog: {path: /dev/stdout, logFormat: {labels: {status: "%RESPONSE_CODE%"}}}
        - name: http-als
          envoyHttpAls:
            service: als.monitoring.svc.cluster.local
            port: 9000
            logName: http_envoy_accesslog
            filterStateObjectsToLog: [wasm.upstream_peer]
            additionalRequestHeadersToLog: [x-user]
            additionalResponseHeadersToLog: [x-cache]
            additionalResponseTrailersToLog: [grpc-status]
        - name: tcp-als
          envoyTcpAls: {service: als.monitoring.svc.cluster.local, port: 9000, logName: tcp_envoy_accesslog, filterStateObjectsToLog: [wasm.upstream_peer]}
        - name: otel-als
          envoyOtelAls:
            service: otel.observability.svc.cluster.local
            port: 4317
            logName: otel_envoy_accesslog
            logFormat: {text: "%REQ(:PATH)%", labels: {status: "%RESPONSE_CODE%"}}
        - name: sds
          sds: {name: gateway-sds, service: sds.istio-system.svc.cluster.local, port: 8080}
        defaultProviders:
          tracing: [zipkin]
          metrics: [prometheus]
          accessLogging: [envoy-json]
        discoverySelectors:
        - matchLabels: {istio-discovery: enabled}
          matchExpressions: [{key: env, operator: In, values: [prod]}]
        pathNormalization: {normalization: MERGE_SLASHES}
        defaultHttpRetryPolicy: {attempts: 3, retryOn: "connect-failure,refused-stream,unavailable"}
        meshMTLS: {minProtocolVersion: TLSV1_3, cipherSuites: [ECDHE-ECDSA-AES256-GCM-SHA384]}
        tlsDefaults: {minProtocolVersion: TLSV1_2, ecdhCurves: [P-256, X25519], cipherSuites: [ECDHE-RSA-AES256-GCM-SHA384]}
        compliancePolicy: fips-140-2
        """;

    // The oneofs a single document cannot all set: each variant in a document of its own.
    private static readonly string[] Variants =
    [
        "defaultConfig: {tracingServiceName: CANONICAL_NAME_AND_NAMESPACE, tracing: {lightstep: {address: ls.monitoring:8080, accessToken: t}}}",
        "defaultConfig: {tracing: {datadog: {address: $(HOST_IP):8126}}}",
        "defaultConfig: {tracing: {stackdriver: {debug: true, maxNumberOfAttributes: 10, maxNumberOfAnnotations: 10, maxNumberOfMessageEvents: 10}}}",
        "defaultConfig: {tracing: {openCensusAgent: {address: \"dns://oc:55678\", context: [B3]}}, privateKeyProvider: {qat: {pollDelay: 0.01s, fallback: false}}}",
    ];

    [Fact]
    public void A_rich_mesh_config_of_every_field_round_trips_unchanged()
    {
        var mesh = Load(Rich);
        var again = Load(NodeWriter.ToYaml(Binder.Write(mesh)));
        Binder.CanonicalJson(again).Should().Be(Binder.CanonicalJson(mesh));

        // Coverage is checked on the documents as written, before defaults fill anything in.
        var written = new[] { Rich }.Concat(Variants).Select(text =>
        {
            var ctx = new BindContext();
            return Binder.Bind<MeshConfig>(DocumentReader.Read(text, "t").Documents[0].Root!, ctx)!;
        }).ToArray<object>();
        // Networking's own types (TLS settings, keepalive, locality, retries, probes, image) are covered by its tests.
        string[] networking = ["tcpKeepalive.", ".tcpKeepalive.", "tlsSettings.", "localityLbSetting.", "defaultHttpRetryPolicy.", "readinessProbe.", "image."];
        // meshMTLS.ecdhCurves is read (protobuf has it) only to be refused: mesh mTLS does not use the curves.
        Manifests.UnsetFields(written).Where(f => !networking.Any(n => f.StartsWith(n, StringComparison.Ordinal) || f.Contains("." + n, StringComparison.Ordinal)))
            .Should().Equal("meshMTLS.ecdhCurves");
        foreach (var v in Variants)
            Load(v);
    }
}
