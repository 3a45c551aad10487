package io.jesync.plugin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes a plugin body by path, for YAML routes whose simple language cannot create missing objects or
 * pick a list element by a field. Bound as {@code pluginBody}. A path is dotted names with {@code [n]} (an index) or
 * {@code [Field=value]} (the first element whose field has that value): {@code shopOrder.Infos[Code=Gift].Value}.
 */
public final class PluginBody {
    private static final Pattern STEP = Pattern.compile("([^.\\[\\]]+)|\\[(\\d+)]|\\[([^=\\]]+)=([^\\]]*)]");

    /** The value at {@code path}, or null when any part of it is missing. */
    public Object get(Object body, String path) {
        Object at = body;
        for (Object step : steps(path)) {
            at = child(at, step);
            if (at == null) {
                return null;
            }
        }
        return at;
    }

    /**
     * Sets {@code value} at {@code path}, creating missing objects on the way; a selector that matches nothing adds
     * an element with that field. @return the body, so a route can keep it as its body
     */
    @SuppressWarnings("unchecked")
    public Object set(Object body, String path, Object value) {
        List<Object> steps = steps(path);
        Object at = body;
        for (int i = 0; i < steps.size() - 1; i++) {
            Object next = child(at, steps.get(i));
            if (next == null) {
                next = new LinkedHashMap<String, Object>();
                if (steps.get(i) instanceof String name && at instanceof Map<?, ?> map) {
                    ((Map<String, Object>) map).put(name, next);
                } else if (steps.get(i) instanceof String[] selector && at instanceof List<?> list) {
                    ((Map<String, Object>) next).put(selector[0], selector[1]);
                    ((List<Object>) list).add(next);
                } else {
                    throw new IllegalArgumentException("cannot create " + path + ": nothing to add to at step " + i);
                }
            }
            at = next;
        }
        Object last = steps.get(steps.size() - 1);
        if (last instanceof String name && at instanceof Map<?, ?> map) {
            ((Map<String, Object>) map).put(name, value);
        } else if (last instanceof Integer index && at instanceof List<?> list) {
            ((List<Object>) list).set(index, value);
        } else {
            throw new IllegalArgumentException("cannot set " + path + ": its parent is not an object or list");
        }
        return body;
    }

    /** Appends {@code value} to the list at {@code path}, creating the list if missing. @return the body */
    @SuppressWarnings("unchecked")
    public Object add(Object body, String path, Object value) {
        Object list = get(body, path);
        if (list == null) {
            list = new ArrayList<>();
            set(body, path, list);
        }
        if (!(list instanceof List<?>)) {
            throw new IllegalArgumentException(path + " is not a list");
        }
        ((List<Object>) list).add(value);
        return body;
    }

    /**
     * Adds {@code amount} to the number at {@code path} (exactly, as decimals), e.g. a surcharge to the order's total.
     * @return the body
     */
    public Object increase(Object body, String path, Object amount) {
        Object current = get(body, path);
        if (current == null) {
            throw new IllegalArgumentException("no number at " + path);
        }
        return set(body, path, new java.math.BigDecimal(current.toString())
                .add(new java.math.BigDecimal(amount.toString().strip())));
    }

    /** Removes what {@code path} points at (a field, or a list element by index or selector), if it is there. */
    public Object remove(Object body, String path) {
        List<Object> steps = steps(path);
        Object parent = steps.size() == 1 ? body : get(body, path.substring(0, cut(path)));
        Object last = steps.get(steps.size() - 1);
        Object target = child(parent, last);
        if (target != null && parent instanceof Map<?, ?> map && last instanceof String name) {
            map.remove(name);
        } else if (target != null && parent instanceof List<?> list) {
            list.remove(last instanceof Integer index ? (int) index : list.indexOf(target));
        }
        return body;
    }

    /** Where the last step of {@code path} begins. */
    private static int cut(String path) {
        int bracket = path.endsWith("]") ? path.lastIndexOf('[') : -1;
        return bracket >= 0 ? bracket : path.lastIndexOf('.');
    }

    private static Object child(Object at, Object step) {
        if (step instanceof String name) {
            return at instanceof Map<?, ?> map ? map.get(name) : null;
        }
        if (!(at instanceof List<?> list)) {
            return null;
        }
        if (step instanceof Integer index) {
            return index < list.size() ? list.get(index) : null;
        }
        String[] selector = (String[]) step;
        for (Object element : list) {
            if (element instanceof Map<?, ?> map && map.get(selector[0]) != null
                    && selector[1].equals(String.valueOf(map.get(selector[0])))) {
                return element;
            }
        }
        return null;
    }

    private static List<Object> steps(String path) {
        List<Object> steps = new ArrayList<>();
        Matcher m = STEP.matcher(path);
        int end = 0;
        while (m.find()) {
            if (m.start() != end && !(m.start() == end + 1 && path.charAt(end) == '.')) {
                throw new IllegalArgumentException("not a path: " + path);
            }
            end = m.end();
            if (m.group(1) != null) {
                steps.add(m.group(1));
            } else if (m.group(2) != null) {
                steps.add(Integer.parseInt(m.group(2)));
            } else {
                steps.add(new String[] {m.group(3), m.group(4)});
            }
        }
        if (steps.isEmpty() || end != path.length()) {
            throw new IllegalArgumentException("not a path: " + path);
        }
        return steps;
    }
}
