// ctbpf/pcap_filter/lexer.hpp (internal) — the tokens of pcap-filter, constexpr; numbers and
// addresses are spelled as net/spelling.hpp reads them.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "../detail/config.hpp"
#include "../net/spelling.hpp"

namespace CTBPF_NAMESPACE::detail::pcap_filter {
using namespace ctbpf::detail::net;  // NOLINT: the spelling of numbers and addresses

enum class token_kind : std::uint8_t { end, word, number, punct };
struct token {
    token_kind k = token_kind::end;
    std::string_view text{};
    std::uint32_t column = 0;
    bool escaped = false;  ///< written `\name`: a name even where it spells a keyword (`proto \tcp`)
};

/// The tokens of pcap-filter: words (names, and addresses: letters, digits, `-`, `_`, `.`, `:`),
/// numbers, punctuation (one or two characters).
class lexer {
public:
    constexpr explicit lexer(std::string_view text) noexcept : text_(text) {}

    constexpr token next() noexcept {
        while (at_ < text_.size() &&
               (text_[at_] == ' ' || text_[at_] == '\t' || text_[at_] == '\n' || text_[at_] == '\r'))
            ++at_;
        const auto column = static_cast<std::uint32_t>(at_ + 1);
        if (at_ >= text_.size()) return {token_kind::end, {}, column};
        const std::size_t start = at_;
        const char c = text_[at_];
        const bool escaped = c == '\\' && at_ + 1 < text_.size() && is_alpha(text_[at_ + 1]);  // `proto \tcp`
        const bool v6 = c == ':' && at_ + 1 < text_.size() && text_[at_ + 1] == ':';           // ::1
        if (escaped || v6 || is_alpha(c) || is_digit(c)) {
            if (escaped) ++at_;
            const std::size_t word = at_;
            scan(word, true);
            if (at_ < text_.size() && text_[at_] == '-')  // 00-1a-2b-3c-4d-5e
                if (const std::size_t mac = dashed_mac_length(text_, word); mac > 0) at_ = word + mac;
            // `0:3` in `ip[0:3]` is a number and a size, not an address: a run with `:` that is
            // neither a MAC nor an IPv6 address stops at its first `:`
            std::array<std::uint8_t, 16> scratch{};
            const std::string_view w = text_.substr(word, at_ - word);
            if (w.find(':') != std::string_view::npos && !parse_mac(w, scratch) && !parse_ipv6(w, scratch)) {
                at_ = word;
                scan(word, false);
                if (at_ == word) return {token_kind::punct, text_.substr(at_++, 1), column};  // `::x`: a `:`
            }
            const std::string_view t = text_.substr(word, at_ - word);
            bool numeric = is_digit(t[0]);
            for (char d : t) numeric = numeric && d != '.' && d != ':' && d != '-';
            return {numeric ? token_kind::number : token_kind::word, t, column, escaped};
        }
        constexpr std::string_view twos[] = {"&&", "||", "<<", ">>", "<=", ">=", "==", "!="};
        for (std::string_view two : twos)
            if (text_.substr(at_, 2) == two) {
                at_ += 2;
                return {token_kind::punct, two, column};
            }
        constexpr std::string_view ones = "()[]:!&|^+-*/%<>=";
        for (char one : ones)
            if (c == one) {
                ++at_;
                return {token_kind::punct, text_.substr(start, 1), column};
            }
        ++at_;
        return {token_kind::punct, text_.substr(start, 1), column};  // the parser reports it
    }

private:
    std::string_view text_;
    std::size_t at_ = 0;

    /// A run of word characters from `start`; `-` only inside a name (tcp-syn), never after a
    /// digit-led word (`len - 1` needs its spaces, as in libpcap).
    constexpr void scan(std::size_t start, bool colons) noexcept {
        while (at_ < text_.size()) {
            const char d = text_[at_];
            if (is_alpha(d) || is_digit(d) || d == '.' || (colons && d == ':')) {
                ++at_;
            } else if (d == '-' && is_alpha(text_[start]) && at_ + 1 < text_.size() &&
                       (is_alpha(text_[at_ + 1]) || is_digit(text_[at_ + 1]))) {
                ++at_;
            } else {
                break;
            }
        }
    }
};

}  // namespace CTBPF_NAMESPACE::detail::pcap_filter
