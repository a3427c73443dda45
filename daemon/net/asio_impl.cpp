// The one translation unit that compiles Boost.Asio, Asio's SSL support and Boost.Beast.
// Every other file of the project that uses them sees only declarations, because ckpt_net
// exports BOOST_ASIO_SEPARATE_COMPILATION and BOOST_BEAST_SEPARATE_COMPILATION to all of
// its users. Keep this file free of anything else: it is compiled once and cached.
#include <boost/asio/impl/src.hpp>
#include <boost/asio/ssl/impl/src.hpp>
#include <boost/beast/src.hpp>
