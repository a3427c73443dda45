// helm-engine: `helm template` for the chart tests where Helm itself is not installed
// (Helm is not packaged in Debian 12). It renders a chart directory with the parts Helm
// is made of, from Debian's packages: Go's text/template with missingkey=zero, sprig's
// function map without env/expandenv, Helm's own toYaml/fromYaml/toJson/fromJson (with
// sigs.k8s.io/yaml), include, tpl, required and lookup (empty, as `helm template` has no
// cluster), .Files.Get, chart values coalesced with -f files (later files win, null
// deletes a key) and checked against values.schema.json with gojsonschema (as Helm 3 does
// up to 3.17), and every rendered document parsed as YAML. No dependencies (subcharts), no
// --set.
//
// Usage, as helm's: helm-engine template RELEASE CHART_DIR [--namespace NS] [-f VALUES]...
// Prints "---\n# Source: <chart>/templates/<file>\n<document>" per rendered file; on an
// error prints "Error: ..." to stderr and exits 1.
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"text/template"

	sprig "github.com/Masterminds/sprig"
	"github.com/xeipuuv/gojsonschema"
	"sigs.k8s.io/yaml"
)

type arguments struct {
	release, chartDir, namespace string
	valuesFiles                  []string
}

func parseArguments(args []string) (arguments, error) {
	parsed := arguments{namespace: "default"}
	if len(args) < 3 || args[0] != "template" {
		return parsed, errors.New("usage: helm-engine template RELEASE CHART_DIR [--namespace NS] [-f VALUES]...")
	}
	parsed.release, parsed.chartDir = args[1], args[2]
	for i := 3; i < len(args); i += 2 {
		if i+1 >= len(args) {
			return parsed, fmt.Errorf("%s needs a value", args[i])
		}
		switch args[i] {
		case "--namespace", "-n":
			parsed.namespace = args[i+1]
		case "-f", "--values":
			parsed.valuesFiles = append(parsed.valuesFiles, args[i+1])
		default:
			return parsed, fmt.Errorf("unknown flag %s", args[i])
		}
	}
	return parsed, nil
}

// files is .Files: every chart file outside templates/ but Chart.yaml, values.yaml and
// values.schema.json.
type files map[string][]byte

func (f files) Get(name string) string { return string(f[name]) }

func readYAMLMap(file string) (map[string]interface{}, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	values := map[string]interface{}{}
	if err := yaml.Unmarshal(data, &values); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	return values, nil
}

// coalesce puts override over base as Helm does: maps merge key by key, null deletes.
func coalesce(base, override map[string]interface{}) map[string]interface{} {
	for key, value := range override {
		if value == nil {
			delete(base, key)
			continue
		}
		baseMap, baseIsMap := base[key].(map[string]interface{})
		overrideMap, overrideIsMap := value.(map[string]interface{})
		if baseIsMap && overrideIsMap {
			base[key] = coalesce(baseMap, overrideMap)
		} else {
			base[key] = value
		}
	}
	return base
}

// validate checks the coalesced values against the chart's values.schema.json, if any,
// and words a failure as Helm does.
func validate(chartDir, chartName string, values map[string]interface{}) error {
	schema, err := os.ReadFile(filepath.Join(chartDir, "values.schema.json"))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	document, err := json.Marshal(values)
	if err != nil {
		return err
	}
	result, err := gojsonschema.Validate(gojsonschema.NewBytesLoader(schema), gojsonschema.NewBytesLoader(document))
	if err != nil {
		return fmt.Errorf("values.schema.json: %w", err)
	}
	if result.Valid() {
		return nil
	}
	var problems strings.Builder
	for _, problem := range result.Errors() {
		fmt.Fprintf(&problems, "- %s\n", problem)
	}
	return fmt.Errorf("values don't meet the specifications of the schema(s) in the following chart(s):\n%s:\n%s",
		chartName, problems.String())
}

// chartMetadata is .Chart: Chart.yaml's fields under Helm's Go names.
func chartMetadata(chartDir string) (map[string]interface{}, error) {
	chart, err := readYAMLMap(filepath.Join(chartDir, "Chart.yaml"))
	if err != nil {
		return nil, err
	}
	metadata := map[string]interface{}{}
	for key, value := range chart {
		metadata[strings.ToUpper(key[:1])+key[1:]] = value
	}
	if metadata["Name"] == nil || metadata["Version"] == nil {
		return nil, errors.New("Chart.yaml: name and version are required")
	}
	return metadata, nil
}

func functions(root *template.Template) template.FuncMap {
	functions := sprig.TxtFuncMap()
	delete(functions, "env")
	delete(functions, "expandenv")
	functions["toYaml"] = func(v interface{}) string {
		data, err := yaml.Marshal(v)
		if err != nil {
			return ""
		}
		return strings.TrimSuffix(string(data), "\n")
	}
	functions["fromYaml"] = func(text string) map[string]interface{} {
		m := map[string]interface{}{}
		if err := yaml.Unmarshal([]byte(text), &m); err != nil {
			m["Error"] = err.Error()
		}
		return m
	}
	functions["toJson"] = func(v interface{}) string {
		data, err := json.Marshal(v)
		if err != nil {
			return ""
		}
		return string(data)
	}
	functions["fromJson"] = func(text string) map[string]interface{} {
		m := map[string]interface{}{}
		if err := json.Unmarshal([]byte(text), &m); err != nil {
			m["Error"] = err.Error()
		}
		return m
	}
	functions["lookup"] = func(string, string, string, string) (map[string]interface{}, error) {
		return map[string]interface{}{}, nil
	}
	functions["include"] = func(name string, data interface{}) (string, error) {
		var out strings.Builder
		err := root.ExecuteTemplate(&out, name, data)
		return out.String(), err
	}
	functions["tpl"] = func(text string, data interface{}) (string, error) {
		inline, err := root.Clone()
		if err == nil {
			inline, err = inline.New("tpl").Parse(text)
		}
		if err != nil {
			return "", err
		}
		var out strings.Builder
		err = inline.ExecuteTemplate(&out, "tpl", data)
		return out.String(), err
	}
	functions["required"] = func(message string, value interface{}) (interface{}, error) {
		if value == nil || value == "" {
			return value, errors.New(message)
		}
		return value, nil
	}
	return functions
}

// load reads the chart: its templates (by name "<chart>/templates/<file>") and .Files.
func load(chartDir, chartName string) (map[string]string, files, error) {
	templates := map[string]string{}
	chartFiles := files{}
	err := filepath.WalkDir(chartDir, func(file string, entry fs.DirEntry, err error) error {
		if err != nil || entry.IsDir() {
			return err
		}
		relative, _ := filepath.Rel(chartDir, file)
		relative = filepath.ToSlash(relative)
		data, err := os.ReadFile(file) // follows a symbolic link, as Helm's loader does
		if err != nil {
			return err
		}
		switch {
		case strings.HasPrefix(relative, "templates/"):
			templates[path.Join(chartName, relative)] = string(data)
		case relative != "Chart.yaml" && relative != "values.yaml" && relative != "values.schema.json":
			chartFiles[relative] = data
		}
		return nil
	})
	return templates, chartFiles, err
}

func render(args arguments) (string, error) {
	metadata, err := chartMetadata(args.chartDir)
	if err != nil {
		return "", err
	}
	chartName := fmt.Sprint(metadata["Name"])
	values, err := readYAMLMap(filepath.Join(args.chartDir, "values.yaml"))
	if err != nil {
		return "", err
	}
	for _, file := range args.valuesFiles {
		override, err := readYAMLMap(file)
		if err != nil {
			return "", err
		}
		values = coalesce(values, override)
	}
	if err := validate(args.chartDir, chartName, values); err != nil {
		return "", err
	}
	sources, chartFiles, err := load(args.chartDir, chartName)
	if err != nil {
		return "", err
	}
	root := template.New("gotpl").Option("missingkey=zero")
	root.Funcs(functions(root))
	names := make([]string, 0, len(sources))
	for name, source := range sources {
		if _, err := root.New(name).Parse(source); err != nil {
			return "", fmt.Errorf("parse error in %s: %w", name, err)
		}
		names = append(names, name)
	}
	sort.Strings(names)
	var out strings.Builder
	for _, name := range names {
		base := path.Base(name)
		if strings.HasPrefix(base, "_") {
			continue
		}
		context := map[string]interface{}{
			"Values": values, "Chart": metadata, "Files": chartFiles,
			"Release": map[string]interface{}{
				"Name": args.release, "Namespace": args.namespace, "Service": "Helm",
				"IsInstall": true, "IsUpgrade": false, "Revision": 1,
			},
			"Capabilities": map[string]interface{}{"KubeVersion": map[string]interface{}{"Version": "v1.28.0"}},
			"Template":     map[string]interface{}{"Name": name, "BasePath": path.Join(chartName, "templates")},
		}
		var rendered bytes.Buffer
		if err := root.ExecuteTemplate(&rendered, name, context); err != nil {
			return "", fmt.Errorf("execution error in %s: %w", name, err)
		}
		text := strings.ReplaceAll(rendered.String(), "<no value>", "")
		if strings.TrimSpace(text) == "" || base == "NOTES.txt" { // NOTES.txt is rendered, not printed
			continue
		}
		for _, document := range strings.Split(text, "\n---") {
			var object interface{}
			if err := yaml.Unmarshal([]byte(document), &object); err != nil {
				return "", fmt.Errorf("YAML parse error on %s: %w", name, err)
			}
		}
		fmt.Fprintf(&out, "---\n# Source: %s\n%s\n", name, strings.TrimSpace(text))
	}
	return out.String(), nil
}

func main() {
	args, err := parseArguments(os.Args[1:])
	if err == nil {
		var output string
		if output, err = render(args); err == nil {
			fmt.Print(output)
			return
		}
	}
	fmt.Fprintln(os.Stderr, "Error:", err)
	os.Exit(1)
}
