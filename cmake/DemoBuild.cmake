# The quick build ./run demo makes in build-demo/ (the kiosk and the simulator only, -O1 without debug info, set by
# ./run): what a first start from a fresh clone waits for. Measured in README ("./run demo builds only ...").
#  - The screens' QML compiled to bytecode only: qmlcachegen's ahead-of-time C++ for every binding is a large
#    translation unit per QML file; the QML engine runs the bytecode instead (the same screens, a little slower to
#    evaluate, which a demo does not notice).
#  - The Qt headers the shell includes, precompiled once for each library of several files (store, kiosk, app).
# ./run test builds in build/ without this option: its build and its tests are unchanged. The sanitizer build of
# ./run test (build-asan/, LW_SANITIZE) takes the same shortcuts: it is built from scratch on every run.
set_property(TARGET lw_ui APPEND PROPERTY QT_QMLCACHEGEN_ARGUMENTS --only-bytecode)
set(lw_demo_pch <QtCore/QObject> <QtCore/QString> <QtCore/QStringList> <QtCore/QVariant> <QtCore/QDateTime>
  <QtCore/QFile> <QtCore/QFileInfo> <QtCore/QDir> <QtCore/QTimer> <QtCore/QThread> <QtSql/QSqlDatabase>
  <QtSql/QSqlQuery> <QtSql/QSqlError> <string> <vector> <map> <memory> <optional> <functional>)
foreach(target lw_store lw_kiosk)
  target_precompile_headers(${target} PRIVATE ${lw_demo_pch})
endforeach()
target_precompile_headers(lw_app PRIVATE ${lw_demo_pch} <QtGui/QGuiApplication> <QtQml/QQmlApplicationEngine>
  <QtQuick/QQuickWindow> <QtCore/QCommandLineParser>)
#  - The plain C++ core libraries and the simulator as unity builds (their files compiled together, the standard
#    headers parsed once per library).
# (Not lw_protocol, lw_lobby, lw_forecast: their files share helper names in anonymous namespaces.)
foreach(target lw_config lw_intake lw_auth lw_report lw_sim lw_backup)
  set_target_properties(${target} PROPERTIES UNITY_BUILD ON)
endforeach()
target_precompile_headers(lw_backup PRIVATE ${lw_demo_pch})
