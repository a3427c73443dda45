{{/*
Names, labels and the pieces several templates share. Names follow Helm's convention: the
release name when it contains the chart's name (release "checkpointd" gives the names of
the kustomize base), else "<release>-checkpointd".
*/}}

{{- define "checkpointd.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "checkpointd.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else if contains (include "checkpointd.name" .) .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name (include "checkpointd.name" .) | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}

{{- define "checkpointd.selectorLabels" -}}
app.kubernetes.io/name: {{ include "checkpointd.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/* The daemon's pods: what the Deployment, the Service and the NetworkPolicy select. */}}
{{- define "checkpointd.daemonSelectorLabels" -}}
{{ include "checkpointd.selectorLabels" . }}
app.kubernetes.io/component: daemon
{{- end }}

{{- define "checkpointd.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "checkpointd.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/* metadata of a namespaced object: the name given, the release's namespace, the labels. */}}
{{- define "checkpointd.metadata" -}}
name: {{ .name }}
namespace: {{ .root.Release.Namespace }}
labels:
  {{- include "checkpointd.labels" .root | nindent 2 }}
{{- end }}

{{- define "checkpointd.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "checkpointd.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- required "serviceAccount.name: name the existing ServiceAccount to run as when serviceAccount.create is false" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* repository:tag, or repository@digest when a digest is given. */}}
{{- define "checkpointd.image" -}}
{{- if .image.digest }}
{{- printf "%s@%s" .image.repository .image.digest }}
{{- else }}
{{- printf "%s:%s" .image.repository (.image.tag | default .appVersion | toString) }}
{{- end }}
{{- end }}

{{/* The port the daemon's HTTPS API listens on in the pod (config.yaml listen.tcp.port). */}}
{{- define "checkpointd.apiPort" -}}8443{{- end }}

{{/*
checkpointd's config.yaml: `listen` and `state_directory` from the chart (they follow the
Deployment's mounts), then .Values.config, then .Values.clusters.
*/}}
{{- define "checkpointd.config" -}}
{{- if not .Values.clusters }}
{{- fail "clusters: name at least one CloudNativePG cluster (an entry of config.yaml's clusters, docs/configuration.md; example: manifests/examples/helm/payments-values.yaml)" }}
{{- end }}
{{- $config := .Values.config | default dict }}
{{- range $key := list "listen" "state_directory" "clusters" }}
{{- if hasKey $config $key }}
{{- fail (printf "config.%s: set by the chart, not in values (listen and state_directory follow the Deployment's mounts; clusters is the top-level value clusters)" $key) }}
{{- end }}
{{- end -}}
listen:
  # For `kubectl exec deploy/<name> -- checkpointctl ...` inside the pod.
  unix_socket: /run/checkpointd/checkpointd.sock
  socket_mode: "0600"
  # For the Service: HTTPS only; every request but /healthz and /readyz needs the token.
  tcp:
    address: 0.0.0.0
    port: {{ include "checkpointd.apiPort" . }}
    token_file: /run/secrets/checkpointd/token
    tls:
      cert_file: /run/secrets/checkpointd-tls/tls.crt
      key_file: /run/secrets/checkpointd-tls/tls.key
state_directory: /var/lib/checkpointd
{{- with $config }}
{{ toYaml . }}
{{- end }}
clusters:
{{- toYaml .Values.clusters | nindent 2 }}
{{- end }}

{{- define "checkpointd.restrictedSecurityContext" -}}
runAsNonRoot: true
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
capabilities:
  drop: ["ALL"]
{{- end }}
