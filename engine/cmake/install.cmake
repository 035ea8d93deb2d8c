# The CMake package (included by the top-level CMakeLists.txt): `cmake --install` puts the headers, libnabla.a,
# the CLI (when built) and lib/cmake/nabla/{nablaConfig,nablaConfigVersion,nablaTargets}.cmake under the
# prefix; export() writes the same targets file into the build tree, so find_package(nabla) also works with
# nabla_DIR pointing at a build directory.
include(CMakePackageConfigHelpers)
set(NABLA_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/nabla)

install(TARGETS nabla_engine EXPORT nablaTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR}/engine/include/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
if(TARGET nabla)
  install(TARGETS nabla RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
endif()
install(EXPORT nablaTargets NAMESPACE nabla:: DESTINATION ${NABLA_CMAKE_DIR})
export(EXPORT nablaTargets NAMESPACE nabla:: FILE ${CMAKE_CURRENT_BINARY_DIR}/nablaTargets.cmake)

if(TARGET Threads::Threads)
  set(NABLA_USES_THREADS ON)
else()
  set(NABLA_USES_THREADS OFF)
endif()
configure_package_config_file(${CMAKE_CURRENT_LIST_DIR}/nablaConfig.cmake.in
                              ${CMAKE_CURRENT_BINARY_DIR}/nablaConfig.cmake
                              INSTALL_DESTINATION ${NABLA_CMAKE_DIR})
# 0.x: a minor version may break the API, so only the same major.minor is compatible.
write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/nablaConfigVersion.cmake
                                 COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/nablaConfig.cmake ${CMAKE_CURRENT_BINARY_DIR}/nablaConfigVersion.cmake
        DESTINATION ${NABLA_CMAKE_DIR})
